import { Typography } from 'antd';
import { keepsRosters, type Session } from '../session.ts';
import { T } from '../text.ts';
import { routesFor } from './routes.tsx';

/** A part of the guide: about a screen (`screen`), and about what only a roster's office does there (`keepsRosters`: the export). */
type Section = { heading: string; body: string; screen?: string; keepsRosters?: boolean };

/**
 * The short user guide (hướng dẫn sử dụng), one click from every screen: first the parts about
 * what she can open (the menu's own rule, routesFor), then the other roles' parts under their heading.
 */
export function HelpScreen({ session }: { session: Session }) {
  const hers = new Set(routesFor(session).map((r) => r.key));
  const sections: readonly Section[] = T.help.sections;
  const isHers = (s: Section) => (!s.screen || hers.has(s.screen)) && (!s.keepsRosters || keepsRosters(session.user));
  const mine = sections.filter(isHers);
  const others = sections.filter((s) => !isHers(s));
  return (
    <article style={{ maxWidth: 760 }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {T.help.title}
      </Typography.Title>
      {mine.map((s) => (
        <Part key={s.heading} section={s} />
      ))}
      {others.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 19, marginTop: 32 }}>
            {T.help.others}
          </Typography.Title>
          {others.map((s) => (
            <Part key={s.heading} section={s} level={3} />
          ))}
        </>
      )}
    </article>
  );
}

function Part({ section, level = 2 }: { section: Section; level?: 2 | 3 }) {
  return (
    <section>
      <Typography.Title level={level} style={{ fontSize: 17 }}>
        {section.heading}
      </Typography.Title>
      <Typography.Paragraph>{section.body}</Typography.Paragraph>
    </section>
  );
}
