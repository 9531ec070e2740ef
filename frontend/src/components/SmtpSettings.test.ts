import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as SMTP from '$wails/go/main/SMTP';
import { confirmation } from '../lib/stores/confirm.svelte';
import { navigation } from '../lib/stores/navigation.svelte';
import {
  mockedApp,
  mockedSMTP,
  pending,
  presetsFixture,
  rejection,
  smtpSavedFixture,
} from '../testing/bindings';
import ConfirmDialog from './ConfirmDialog.svelte';
import SmtpSettings from './SmtpSettings.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));
vi.mock('$wails/go/main/SMTP', () => import('../testing/bindings').then((m) => m.smtpBindings()));

const app = mockedApp(App);
const bindings = mockedSMTP(SMTP);
const REF = 'abcdefghijklmnopqrst';
const HOST_ERROR = 'Enter only the host name, without https://.';

beforeEach(() => {
  vi.resetAllMocks();
  confirmation.answer(false);
  navigation.view = { name: 'details', ref: REF };
  app.LeaveScreen.mockResolvedValue(undefined);
  app.SetUnsavedChanges.mockResolvedValue(undefined);
  bindings.Load.mockResolvedValue(smtpSavedFixture(false));
  bindings.Presets.mockResolvedValue(presetsFixture());
  // A small part of the backend's rules, enough for these tests.
  bindings.Validate.mockImplementation(async (settings) => {
    const s = settings as { host: string; senderEmail: string };
    const errors: Record<string, string> = {};
    if (s.host.includes('://')) {
      errors.host = HOST_ERROR;
    }
    if (!s.senderEmail.includes('@')) {
      errors.senderEmail = 'Enter the address your emails are sent from.';
    }
    return errors;
  });
});

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label, { exact: false, selector: 'input' }) as HTMLInputElement;
}

async function renderSettings() {
  render(ConfirmDialog);
  render(SmtpSettings, { ref: REF });
  await screen.findByLabelText('Email provider');
}

async function fillValidForm(): Promise<void> {
  await fireEvent.change(screen.getByLabelText('Email provider'), { target: { value: 'resend' } });
  await fireEvent.input(input('Sender email address'), { target: { value: 'no-reply@shop.example' } });
  await fireEvent.input(input('Password'), { target: { value: 're_key' } });
}

describe('SmtpSettings state', () => {
  it('loads again after an overlapping cancel', async () => {
    bindings.Load.mockRejectedValueOnce(rejection('cancelled', 'context canceled'));

    await renderSettings();

    expect(bindings.Load).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Custom SMTP is off.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not reload after leaving', async () => {
    let rejectLoad: (reason: unknown) => void = () => {};
    bindings.Load.mockReturnValue(new Promise((_, reject) => (rejectLoad = reject)));
    const view = render(SmtpSettings, { ref: REF });

    view.unmount();
    rejectLoad(rejection('cancelled', 'context canceled'));
    await Promise.resolve();

    expect(bindings.Load).toHaveBeenCalledTimes(1);
  });

  it('explains why custom SMTP matters when it is off', async () => {
    await renderSettings();

    expect(screen.getByText('Custom SMTP is off.')).toBeTruthy();
    expect(screen.getByText(/a few\s+emails an hour at most/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Turn off custom SMTP' })).toBeNull();
    expect(bindings.Load).toHaveBeenCalledWith(REF);
  });

  it('never fills in the saved password', async () => {
    bindings.Load.mockResolvedValue(smtpSavedFixture(true));
    await renderSettings();

    expect(screen.getByText('Custom SMTP is on.')).toBeTruthy();
    expect(input('SMTP host').value).toBe('smtp.resend.com');
    expect(input('Password').value).toBe('');
    expect(input('Password').type).toBe('password');
    expect(input('Password').placeholder).toBe('saved');
    expect(screen.getByText(/Leave it empty to keep the saved password/)).toBeTruthy();
    expect((screen.getByLabelText('Email provider') as HTMLSelectElement).value).toBe('resend');
  });
});

describe('SmtpSettings presets', () => {
  it('fills the server of a provider', async () => {
    await renderSettings();
    await fireEvent.input(input('Sender email address'), { target: { value: 'me@shop.example' } });

    await fireEvent.change(screen.getByLabelText('Email provider'), { target: { value: 'resend' } });

    expect(input('SMTP host').value).toBe('smtp.resend.com');
    expect(input('Port').value).toBe('465');
    expect(input('User name').value).toBe('resend');
    expect(screen.getByText('An API key from the Resend dashboard')).toBeTruthy();
    expect(input('Sender email address').value).toBe('me@shop.example');
  });

  it('offers the regions of Amazon SES', async () => {
    await renderSettings();
    await fireEvent.change(screen.getByLabelText('Email provider'), { target: { value: 'ses' } });
    const server = screen.getByLabelText('Amazon SES server') as HTMLSelectElement;

    expect(input('SMTP host').value).toBe('email-smtp.us-east-1.amazonaws.com');
    expect(input('User name').value).toBe('');
    expect(within(server).getByText(/eu-central-1 \(Frankfurt\)/)).toBeTruthy();

    await fireEvent.change(server, { target: { value: 'email-smtp.eu-central-1.amazonaws.com' } });

    expect(input('SMTP host').value).toBe('email-smtp.eu-central-1.amazonaws.com');
  });
});

describe('SmtpSettings validation', () => {
  it('shows a field error on blur and keeps the value', async () => {
    await renderSettings();
    const host = input('SMTP host');
    await fireEvent.input(host, { target: { value: 'https://smtp.shop.example' } });

    await fireEvent.blur(host);

    expect(await screen.findByText(HOST_ERROR)).toBeTruthy();
    expect(host.value).toBe('https://smtp.shop.example');
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(host.getAttribute('aria-describedby')).toContain(screen.getByText(HOST_ERROR).id);
    expect(screen.queryByText('Enter the address your emails are sent from.')).toBeNull();
  });

  it('checks every field before saving', async () => {
    await renderSettings();
    await fireEvent.input(input('SMTP host'), { target: { value: 'https://smtp.shop.example' } });
    await fireEvent.input(input('Password'), { target: { value: 'typed-secret' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(HOST_ERROR)).toBeTruthy();
    expect(screen.getByText('Enter the address your emails are sent from.')).toBeTruthy();
    expect(bindings.Save).not.toHaveBeenCalled();
    expect(input('SMTP host').value).toBe('https://smtp.shop.example');
    expect(input('Password').value).toBe('typed-secret');
    expect(document.activeElement).toBe(input('Sender email address'));
  });

  it('asks for a password when none is saved', async () => {
    await renderSettings();
    await fireEvent.change(screen.getByLabelText('Email provider'), { target: { value: 'resend' } });
    await fireEvent.input(input('Sender email address'), { target: { value: 'no-reply@shop.example' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Enter the SMTP password from your email provider.')).toBeTruthy();
    expect(bindings.Save).not.toHaveBeenCalled();
  });
});

describe('SmtpSettings save', () => {
  it('saves the typed settings', async () => {
    bindings.Save.mockResolvedValue({ ...smtpSavedFixture(true), senderEmail: 'no-reply@shop.example' });
    await renderSettings();
    await fillValidForm();

    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/^Saved\./)).toBeTruthy();
    expect(bindings.Save).toHaveBeenCalledWith(REF, {
      senderEmail: 'no-reply@shop.example',
      senderName: '',
      host: 'smtp.resend.com',
      port: '465',
      user: 'resend',
      password: 're_key',
      maxFrequency: '60',
      emailsPerHour: '',
    });
    expect(screen.getByText('Custom SMTP is on.')).toBeTruthy();
    expect(input('Password').value).toBe('');
  });

  it('shows what Supabase rejected', async () => {
    bindings.Save.mockRejectedValue(rejection('invalid_input', 'smtp_admin_email must be an email address'));
    await renderSettings();
    await fillValidForm();

    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/It replied: smtp_admin_email must be an email address/)).toBeTruthy();
    expect(input('Sender email address').value).toBe('no-reply@shop.example');
  });

  it('turns custom SMTP off after confirmation', async () => {
    bindings.Load.mockResolvedValue(smtpSavedFixture(true));
    bindings.Disable.mockResolvedValue({ ...smtpSavedFixture(true), enabled: false, host: '' });
    await renderSettings();

    await fireEvent.click(screen.getByRole('button', { name: 'Turn off custom SMTP' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off custom SMTP?' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Turn off' }));

    await waitFor(() => expect(bindings.Disable).toHaveBeenCalledWith(REF));
    expect(await screen.findByText('Custom SMTP is off.', { selector: 'strong' })).toBeTruthy();
  });
});

describe('SmtpSettings connection test', () => {
  it('explains a failed step', async () => {
    bindings.Test.mockResolvedValue({
      ok: false,
      failedStep: 'auth',
      message: 'The server rejected the user name or password.',
      detail: '535 5.7.8 Authentication failed',
    });
    await renderSettings();
    await fillValidForm();
    await fireEvent.input(input('Send a test email to'), { target: { value: 'ada@shop.example' } });

    await fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByText('The server rejected the user name or password.')).toBeTruthy();
    expect(screen.getByText(/stopped while logging in/)).toBeTruthy();
    expect(bindings.Test.mock.calls[0][1]).toBe('ada@shop.example');
    expect(bindings.Test.mock.calls[0][0]).toMatchObject({ host: 'smtp.resend.com', password: 're_key' });

    const details = screen.getByRole('button', { name: 'Details' });
    expect(screen.getByText('535 5.7.8 Authentication failed').closest('dl')?.hidden).toBe(true);
    await fireEvent.click(details);
    expect(screen.getByText('535 5.7.8 Authentication failed').closest('dl')?.hidden).toBe(false);
  });

  it('shows progress and success', async () => {
    let finish: (value: unknown) => void = () => {};
    bindings.Test.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    await renderSettings();
    await fillValidForm();

    await fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByText(/Testing the connection/)).toBeTruthy();
    finish({ ok: true, message: 'Connected and logged in to smtp.resend.com.' });
    expect(await screen.findByText('Connected and logged in to smtp.resend.com.')).toBeTruthy();
  });

  it('tests once while a test runs', async () => {
    bindings.Test.mockReturnValue(pending());
    await renderSettings();
    await fillValidForm();
    const button = screen.getByRole('button', { name: 'Test connection' });

    await fireEvent.click(button);
    await screen.findByText(/Testing the connection/);
    await fireEvent.click(button);

    expect(bindings.Test).toHaveBeenCalledTimes(1);
  });
});

describe('SmtpSettings unsaved changes', () => {
  it('asks before leaving and stays on request', async () => {
    await renderSettings();
    await fireEvent.input(input('Sender name'), { target: { value: 'Shop' } });

    const leaving = navigation.go({ name: 'list' });
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Stay' }));

    expect(await leaving).toBe(false);
    expect(navigation.view).toEqual({ name: 'details', ref: REF });
    expect(input('Sender name').value).toBe('Shop');
  });

  it('leaves when the user confirms', async () => {
    await renderSettings();
    await fireEvent.input(input('Sender name'), { target: { value: 'Shop' } });

    const leaving = navigation.go({ name: 'list' });
    await fireEvent.click(await screen.findByRole('button', { name: 'Leave without saving' }));

    expect(await leaving).toBe(true);
    expect(navigation.view).toEqual({ name: 'list' });
  });

  it('leaves without asking when nothing changed', async () => {
    await renderSettings();
    await fireEvent.change(screen.getByLabelText('Email provider'), { target: { value: '' } });

    expect(await navigation.go({ name: 'list' })).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stops asking once unmounted', async () => {
    const { unmount } = render(SmtpSettings, { ref: REF });
    await screen.findByLabelText('Email provider');
    await fireEvent.input(input('Sender name'), { target: { value: 'Shop' } });
    unmount();

    expect(await navigation.confirmLeave()).toBe(true);
  });
});

describe('SmtpSettings window close', () => {
  it('tells the app about unsaved changes', async () => {
    const { unmount } = render(SmtpSettings, { ref: REF });
    await screen.findByLabelText('Email provider');
    await waitFor(() => expect(app.SetUnsavedChanges).toHaveBeenLastCalledWith(false));

    await fireEvent.input(input('Sender name'), { target: { value: 'Shop' } });
    await waitFor(() => expect(app.SetUnsavedChanges).toHaveBeenLastCalledWith(true));

    unmount();
    expect(app.SetUnsavedChanges).toHaveBeenLastCalledWith(false);
  });
});
