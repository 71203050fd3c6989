/** A started TOTP enrolment (the secret in base32, the otpauth:// URI and its QR code as an SVG data URI). */
export interface TwoFactorEnrolment {
  secret: string;
  otpauth_uri: string;
  qr_code: string;
}
