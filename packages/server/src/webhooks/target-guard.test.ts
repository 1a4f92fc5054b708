import { describe, expect, it } from 'vitest';
import { checkTargetNow, refusedAddress } from './target-guard.ts';

const strict = { allowPrivate: false, allowLoopback: false };

describe('webhook target guard', () => {
  it('refuses link-local and cloud metadata addresses whatever the settings', () => {
    const open = { allowPrivate: true, allowLoopback: true };
    for (const ip of [
      '169.254.169.254',
      'fe80::1',
      'fd00:ec2::254',
      '100.100.100.200',
      '0.0.0.0',
      '::ffff:169.254.169.254',
    ])
      expect(refusedAddress(ip, open), ip).toMatch(/link-local|metadata|reserved/);
  });

  it('refuses loopback unless WEBHOOK_ALLOW_LOOPBACK, including IPv4 carried in IPv6', () => {
    for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1'])
      expect(refusedAddress(ip, strict), ip).toMatch(/loopback/);
    expect(refusedAddress('127.0.0.1', { allowPrivate: false, allowLoopback: true })).toBeNull();
  });

  it('refuses private ranges unless WEBHOOK_ALLOW_PRIVATE (self-hosting)', () => {
    for (const ip of ['10.1.2.3', '172.20.0.1', '192.168.1.10', '100.64.0.1', 'fd12::1'])
      expect(refusedAddress(ip, strict), ip).toMatch(/private/);
    expect(refusedAddress('10.1.2.3', { allowPrivate: true, allowLoopback: false })).toBeNull();
    expect(refusedAddress('172.32.0.1', strict)).toBeNull();
  });

  it('lets public addresses through', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect(refusedAddress(ip, strict)).toBeNull();
  });

  it('checks a name on what it resolves to, and IP literals as they are', async () => {
    expect(await checkTargetNow('localhost', strict)).toMatch(/resolves to .*loopback/);
    expect(await checkTargetNow('localhost', { allowPrivate: false, allowLoopback: true })).toBeNull();
    expect(await checkTargetNow('[::1]', strict)).toMatch(/loopback/);
    expect(await checkTargetNow('169.254.169.254', { allowPrivate: true, allowLoopback: true })).toMatch(
      /metadata/,
    );
  });
});
