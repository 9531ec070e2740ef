import { describe, expect, it } from 'vitest';
import type { Preset, Saved } from './smtpApi';
import { applyPreset, formFromSaved, hasChanges, hostLabel, presetForHost } from './smtpForm';

const SAVED: Saved = {
  enabled: true,
  senderEmail: 'no-reply@example.com',
  senderName: 'Shop',
  host: 'smtp.resend.com',
  port: '465',
  user: 'resend',
  passwordSaved: true,
  maxFrequency: '60',
  emailsPerHour: '100',
};

const SES: Preset = {
  id: 'ses',
  name: 'Amazon SES',
  host: 'email-smtp.us-east-1.amazonaws.com',
  port: 587,
  userHint: '',
  passwordHint: '',
  hosts: ['email-smtp.us-east-1.amazonaws.com', 'email-smtp.eu-west-1.amazonaws.com'],
};

const OTHER: Preset = { id: 'other', name: 'Other', host: '', port: 587, userHint: '', passwordHint: '' };

describe('smtp form', () => {
  it('starts without a password', () => {
    expect(formFromSaved(SAVED).password).toBe('');
    expect(formFromSaved(SAVED).host).toBe('smtp.resend.com');
  });

  it('reports no changes for the saved settings', () => {
    expect(hasChanges(formFromSaved(SAVED), SAVED)).toBe(false);
  });

  it.each([
    ['senderName', 'Shop '],
    ['maxFrequency', ''],
    ['emailsPerHour', ' '],
  ] as const)('ignores %s set to %j', (field, value) => {
    const form = { ...formFromSaved(SAVED), [field]: value };

    expect(hasChanges(form, SAVED)).toBe(false);
  });

  it.each([
    ['senderName', 'Blog'],
    ['host', 'smtp.example.com'],
    ['port', '587'],
    ['password', 'new'],
    ['emailsPerHour', '30'],
  ] as const)('sees a change of %s', (field, value) => {
    const form = { ...formFromSaved(SAVED), [field]: value };

    expect(hasChanges(form, SAVED)).toBe(true);
  });

  it('fills a provider and keeps the user without a fixed one', () => {
    const form = formFromSaved(SAVED);

    applyPreset(form, SES);

    expect(form).toMatchObject({ host: SES.host, port: '587', user: 'resend' });
  });

  it('fills only empty fields for Other', () => {
    const form = formFromSaved(SAVED);

    applyPreset(form, OTHER);
    expect(form).toMatchObject({ host: 'smtp.resend.com', port: '465' });

    form.port = '';
    applyPreset(form, OTHER);
    expect(form.port).toBe('587');
  });

  it('finds the preset of a saved host', () => {
    expect(presetForHost([SES, OTHER], 'email-smtp.eu-west-1.amazonaws.com')).toBe('ses');
    expect(presetForHost([SES, OTHER], 'smtp.example.com')).toBe('');
    expect(presetForHost([SES, OTHER], '')).toBe('');
  });

  it('names Amazon SES regions', () => {
    expect(hostLabel('email-smtp.eu-west-1.amazonaws.com')).toBe(
      'eu-west-1 (Ireland): email-smtp.eu-west-1.amazonaws.com',
    );
    expect(hostLabel('smtp.eu.mailgun.org')).toBe('smtp.eu.mailgun.org');
  });
});
