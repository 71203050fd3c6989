// Why a single sign-on (or forward-auth) sign-in was refused: the server sends the browser back to
// /admin/login?error=<code>. Unknown codes get the generic message; none gets none.
const MESSAGES: Record<string, string> = {
  sso_no_role: 'None of your groups at the identity provider may sign in to Vigil. Ask an administrator.',
  sso_domain: 'Your email domain may not sign in to Vigil.',
  sso_no_email: 'The identity provider did not tell Vigil your email address.',
  sso_inactive: 'Your Vigil account is deactivated.',
  sso_unverified:
    'A Vigil account with your email exists, and the identity provider has not verified that the email is yours.',
  sso_denied: 'The identity provider did not sign you in.',
  sso_expired: 'The sign-in took too long or was started elsewhere. Please try again.',
  sso_unavailable: 'The identity provider cannot be reached right now. Please try again later.',
  sso_failed: 'Single sign-on failed. Please try again.',
};

export function signInErrorMessage(code: string | null): string | null {
  if (!code) {
    return null;
  }
  return MESSAGES[code] ?? MESSAGES.sso_failed;
}
