import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maskIdNumber } from '../common/identity/id-number.js';
import { decryptText, encryptText, keyedHash } from './personal-data-cipher.js';
import { InstanceSetting } from './erasure-tombstone.entity.js';
import { KeyError, type PersonalDataKey } from './personal-data-key.js';

export const PERSONAL_DATA_KEY = Symbol('PERSONAL_DATA_KEY');

/** The stored form of an ID number: sealed, keyed hash, masked. */
export interface SealedIdNumber {
  idNumberSealed: Buffer | null;
  idNumberHash: Buffer | null;
  idNumberMasked: string | null;
}

/**
 * Seals and opens ID numbers (and other secrets) with the instance key, and computes the keyed
 * hash they are matched on. At start-up it checks that the database was written with this key.
 */
@Injectable()
export class SecretVault implements OnModuleInit {
  constructor(
    @Inject(PERSONAL_DATA_KEY) private readonly key: PersonalDataKey,
    private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await checkKeyFingerprint(this.db, this.key);
  }

  sealIdNumber(digits: string | null): SealedIdNumber {
    if (!digits) return { idNumberSealed: null, idNumberHash: null, idNumberMasked: null };
    return { idNumberSealed: this.seal(digits), idNumberHash: this.hash(digits), idNumberMasked: maskIdNumber(digits) };
  }

  seal(plain: string): Buffer {
    return encryptText(this.key, plain);
  }

  open(sealed: Buffer): string {
    return decryptText(this.key, sealed);
  }

  hash(value: string): Buffer {
    return keyedHash(this.key, value);
  }
}

/** Stores the key's fingerprint on first use; refuses to run on a database written with another key. */
export async function checkKeyFingerprint(db: DataSource, key: PersonalDataKey): Promise<void> {
  const repo = db.getRepository(InstanceSetting);
  await repo.createQueryBuilder().insert().values({ key: 'key_fingerprint', value: key.fingerprint }).orIgnore().execute();
  const stored = await repo.findOneByOrFail({ key: 'key_fingerprint' });
  if (stored.value !== key.fingerprint)
    throw new KeyError(
      `khóa dữ liệu cá nhân lấy từ ${key.source} không phải khóa đã mã hóa cơ sở dữ liệu này (dấu khóa ${key.fingerprint}, của cơ sở dữ liệu ${stored.value}): đặt lại đúng tệp khóa đã sao lưu riêng, hoặc LIENTHONG_KEY đúng (README "The key")`,
    );
}
