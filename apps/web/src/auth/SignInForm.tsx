import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Button, ErrorSummary, TextField } from '../components/forms';
import { LoginMutation } from '../graphql/operations';
import { apiError } from '../graphql/errors';
import { session } from './session';

/** Email and password; used both on the sign-in page and in the "session expired" dialog. */
export function SignInForm({
  email: initialEmail = '',
  submitLabel = 'Sign in',
}: {
  email?: string;
  submitLabel?: string;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [result, login] = useMutation(LoginMutation);
  const err = apiError(result.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!email.trim()) m.email = 'Enter your email address';
    if (!password) m.password = 'Enter your password';
    setMissing(m);
    if (Object.keys(m).length) return;
    const res = await login({ email: email.trim(), password });
    if (res.data) {
      const { token, expiresAt, staff } = res.data.login;
      session.signIn({ token, expiresAt, staffId: staff.id });
    }
  };

  const problems = [
    ...Object.entries(missing).map(([f, text]) => ({ href: `#signin-${f}`, text })),
    ...(err
      ? [
          {
            text:
              err.code === 'RATE_LIMITED'
                ? `Too many attempts. Try again in ${Math.ceil((err.retryAfterSeconds ?? 60) / 60)} minutes.`
                : err.code === 'UNAUTHENTICATED'
                  ? 'The email address or password is not right.'
                  : err.message,
          },
        ]
      : []),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={problems} />
      <TextField
        id="signin-email"
        label="Email address"
        type="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        error={missing.email}
      />
      <TextField
        id="signin-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={missing.password}
      />
      <Button type="submit" disabled={result.fetching}>
        {submitLabel}
      </Button>
    </form>
  );
}
