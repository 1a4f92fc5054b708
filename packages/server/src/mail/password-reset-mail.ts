/**
 * The password reset mail. The token travels in the link's fragment (`#…`), which browsers never
 * send to a server nor put in a Referer header, so it stays out of access logs and third parties.
 */
export function passwordResetLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/reset-password#${encodeURIComponent(token)}`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderPasswordResetMail(link: string, validMinutes: number) {
  const subject = 'Reset your Closeloop password';
  const text = [
    'Someone (hopefully you) asked to reset the password of your Closeloop account.',
    '',
    `Choose a new password here (the link works once, for ${validMinutes} minutes):`,
    link,
    '',
    'If you did not ask for this, ignore this mail: your password stays as it is.',
  ].join('\n');
  const html = [
    '<p>Someone (hopefully you) asked to reset the password of your Closeloop account.</p>',
    `<p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, for ${validMinutes} minutes).</p>`,
    '<p>If you did not ask for this, ignore this mail: your password stays as it is.</p>',
  ].join('\n');
  return { subject, text, html };
}
