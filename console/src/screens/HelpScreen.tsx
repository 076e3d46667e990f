import { Typography } from 'antd';
import { T } from '../text.ts';

/** The short user guide (hướng dẫn sử dụng), one click from every screen. */
export function HelpScreen() {
  return (
    <article style={{ maxWidth: 760 }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {T.help.title}
      </Typography.Title>
      {T.help.sections.map((s) => (
        <section key={s.heading}>
          <Typography.Title level={2} style={{ fontSize: 17 }}>
            {s.heading}
          </Typography.Title>
          <Typography.Paragraph>{s.body}</Typography.Paragraph>
        </section>
      ))}
    </article>
  );
}
