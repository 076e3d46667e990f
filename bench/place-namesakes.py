"""
How often a roster row with a year of birth alone would be taken for another person by the import's
"same chi hội" rule (known-member-rules.ts `alonePlaced`), and how many such rows it keeps from being
held, on a demo seed's files (`lienthong seed --demo --drawn-profile --seed S --out DIR`).

A row of a new member is taken for a listed record when the organization lists exactly one other
person of that name and birth year in the commune, in the same unit, one of the two dates a year
alone or 01/01, and no phone, CCCD or sex says two people (with a join-date column: nor the year of
joining). Counted for every record as if it were a new member's row; "freed" is the share of listed
records with a year alone and no phone that are the only namesake of their year in their commune.

  python3 bench/place-namesakes.py DIR [DIR ...]
"""
import csv, sys, unicodedata, collections, os
def fold(s):
    s = unicodedata.normalize('NFD', s.replace('đ','d').replace('Đ','D'))
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn')
    return ' '.join(s.lower().split())
def digits(s): return ''.join(c for c in s if c.isdigit())[-9:]
for d in sys.argv[1:]:
    truth = {(r['org'], r['ma_ho_so']): r['person_id'] for r in csv.DictReader(open(os.path.join(d,'truth.csv'), encoding='utf-8-sig'))}
    tot = collections.Counter()
    for org in ['CCB','CD','DTN','HND','HPN','NCT']:
        rows = list(csv.DictReader(open(os.path.join(d, org+'.csv'), encoding='utf-8-sig')))
        groups = collections.defaultdict(list)
        for r in rows:
            b = r['Ngày sinh'].strip()
            if not b: continue
            r['_vague'] = len(b) == 4 or b.startswith('01/01/')
            r['_p'] = truth.get((org, r['Mã hồ sơ']))
            groups[(r['Mã xã'].strip(), fold(r['Họ và tên']), b[-4:])].append(r)
        for g in groups.values():
            for r in g:
                tot['records'] += 1
                others = [o for o in g if o is not r and o['_p'] != r['_p']]
                if r['_vague']:
                    tot['vague'] += 1
                    if not r['Số điện thoại'].strip():
                        tot['vague_nophone'] += 1
                        if not others: tot['vague_nophone_alone_in_commune'] += 1
                # r as a NEW member's row (another person): taken for the one other namesake of the commune?
                if len(others) != 1: continue
                o = others[0]
                if not (r['_vague'] or o['_vague']): continue
                if o['Mã đơn vị'] != r['Mã đơn vị']: continue
                apart = lambda a, b: bool(a) and bool(b) and a != b
                if apart(digits(r['Số điện thoại']), digits(o['Số điện thoại'])) or apart(r['Số CCCD'].strip(), o['Số CCCD'].strip()) or apart(r['Giới tính'], o['Giới tính']):
                    continue
                tot['false_no_join_col'] += 1
                if r['Ngày vào'][-4:] == o['Ngày vào'][-4:] or not r['Ngày vào'] or not o['Ngày vào']:
                    tot['false_with_join_col'] += 1
    print(os.path.basename(d), dict(tot), 'false/new %.4f %.4f' % (tot['false_no_join_col']/tot['records'], tot['false_with_join_col']/tot['records']), 'freed %.3f of vague phoneless' % (tot['vague_nophone_alone_in_commune']/max(1,tot['vague_nophone'])))
