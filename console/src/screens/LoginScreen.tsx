import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { logIn, SessionError, type Session } from '../session.ts';
import { ErrorIcon } from '../icons.tsx';
import { T } from '../text.ts';
import { EnrolmentForm } from './EnrolmentForm.tsx';

interface Fields {
  username: string;
  password: string;
  code: string;
}

/**
 * Password and the 6-digit code of her authenticator app; the server's Vietnamese message on
 * failure. "Kích hoạt tài khoản" switches to the enrolment (EnrolmentForm).
 */
export function LoginScreen({ onLoggedIn, notice = null }: { onLoggedIn: (s: Session) => void; notice?: string | null }) {
  const [enrolling, setEnrolling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (f: Fields) => {
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await logIn(f.username.trim(), f.password, f.code.trim()));
    } catch (e) {
      setError(e instanceof SessionError && e.message && e.message !== 'network' ? e.message : T.error.network);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <Card style={{ maxWidth: 400, margin: '10vh auto' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {T.appName}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{T.appTagline}</Typography.Paragraph>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {enrolling ? T.enrol.title : T.login.title}
        </Typography.Title>
        {enrolling ? (
          <EnrolmentForm onLoggedIn={onLoggedIn} onBack={() => setEnrolling(false)} />
        ) : (
          <>
            {notice && !error && <Alert type="warning" showIcon title={notice} role="status" style={{ marginBottom: 16 }} />}
            {error && (
              <Alert
                type="error"
                title={T.login.failed}
                description={error}
                showIcon
                icon={<ErrorIcon />}
                role="alert"
                style={{ marginBottom: 16 }}
              />
            )}
            <Form<Fields> layout="vertical" onFinish={(f) => void submit(f)} requiredMark={false}>
              <Form.Item label={T.login.username} name="username" rules={[{ required: true, message: T.login.required }]}>
                <Input autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item label={T.login.password} name="password" rules={[{ required: true, message: T.login.required }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                label={T.login.code}
                name="code"
                rules={[
                  { required: true, message: T.login.required },
                  { pattern: /^\s*\d{6}\s*$/, message: T.login.codeShape },
                ]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {T.login.submit}
              </Button>
            </Form>
            <Button type="link" block onClick={() => setEnrolling(true)} style={{ marginTop: 8 }}>
              {T.login.firstTime}
            </Button>
          </>
        )}
      </Card>
    </main>
  );
}
