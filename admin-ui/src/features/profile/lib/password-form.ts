export interface PasswordFormValues {
  current_password: string;
  new_password: string;
  confirm_password: string;
}

export const MIN_PASSWORD = 8;

/** Client checks before PUT /api/admin/profile/password; the server's 422 remains the authority. */
export function validatePasswordForm(values: PasswordFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.current_password) {
    errors.current_password = 'current password is required';
  }
  if (!values.new_password) {
    errors.new_password = 'new password is required';
  } else if (values.new_password.length < MIN_PASSWORD) {
    errors.new_password = `must be at least ${MIN_PASSWORD} characters`;
  } else if (values.new_password === values.current_password) {
    errors.new_password = 'must differ from the current password';
  }
  if (values.new_password && values.confirm_password !== values.new_password) {
    errors.confirm_password = 'passwords do not match';
  }
  return errors;
}
