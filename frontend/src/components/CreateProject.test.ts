import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as App from '$wails/go/main/App';
import * as Projects from '$wails/go/main/Projects';
import { navigation } from '../lib/stores/navigation.svelte';
import { projects } from '../lib/stores/projects.svelte';
import { recovery } from '../lib/stores/recovery.svelte';
import {
  mockedApp,
  mockedProjects,
  pending,
  projectFixture,
  regionsFixture,
  rejection,
} from '../testing/bindings';
import CreateProject from './CreateProject.svelte';

vi.mock('$wails/go/main/App', () => import('../testing/bindings').then((m) => m.appBindings()));
vi.mock('$wails/go/main/Projects', () =>
  import('../testing/bindings').then((m) => m.projectsBindings()),
);

const app = mockedApp(App);
const bindings = mockedProjects(Projects);

const GENERATED = 'GeneratedPassw0rd-with-32-chars.x';

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.clear();
  projects.clear(true);
  projects.organizations = [
    { slug: 'acme', name: 'Acme' },
    { slug: 'globex', name: 'Globex' },
  ];
  projects.organizationsState = 'ready';
  projects.selectedSlug = 'acme';
  recovery.reset();
  navigation.view = { name: 'create' };

  app.LeaveScreen.mockResolvedValue(undefined);
  bindings.Regions.mockResolvedValue(regionsFixture());
  bindings.GeneratePassword.mockResolvedValue(GENERATED);
  bindings.PasswordStrength.mockResolvedValue({ level: 'strong', reason: 'good', length: 20, kinds: 4 });
});

async function renderForm() {
  render(CreateProject);
  await screen.findByRole('radio', { name: /Europe, Middle East and Africa/ });
  await waitFor(() => expect(bindings.GeneratePassword).toHaveBeenCalled());
  await screen.findByRole('button', { name: 'Copy generated password' });
}

function nameField(): HTMLInputElement {
  return screen.getByRole('textbox', { name: 'Project name' });
}

async function submit(): Promise<void> {
  await fireEvent.click(screen.getByRole('button', { name: 'Create project' }));
}

describe('CreateProject name', () => {
  it('rejects a blank name without sending', async () => {
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: '   ' } });

    await submit();

    expect(await screen.findByText('Enter a name for the project.')).toBeTruthy();
    expect(nameField().getAttribute('aria-invalid')).toBe('true');
    expect(nameField().value).toBe('   ');
    expect(bindings.Create).not.toHaveBeenCalled();
  });

  it('keeps a name that is too long', async () => {
    await renderForm();
    const long = 'x'.repeat(257);
    await fireEvent.input(nameField(), { target: { value: long } });

    await submit();

    expect(await screen.findByText(/at most 256 characters\. This one has 257\./)).toBeTruthy();
    expect(nameField().value).toBe(long);
    expect(document.activeElement).toBe(nameField());
    expect(bindings.Create).not.toHaveBeenCalled();
  });

  it('links the error to the field', async () => {
    await renderForm();
    await submit();

    const error = await screen.findByText('Enter a name for the project.');
    expect(nameField().getAttribute('aria-describedby')).toContain(error.id);
  });
});

describe('CreateProject request', () => {
  beforeEach(() => {
    bindings.Create.mockResolvedValue({ project: projectFixture('newref', 'COMING_UP'), generatedPassword: false });
  });

  it('sends the recommended area by default', async () => {
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: '  My shop  ' } });

    await submit();

    await waitFor(() => expect(bindings.Create).toHaveBeenCalledTimes(1));
    expect(bindings.Create.mock.calls[0][0]).toEqual({
      organizationSlug: 'acme',
      name: 'My shop',
      region: { type: 'smartGroup', code: 'emea' },
      password: GENERATED,
    });
    expect(bindings.Regions).toHaveBeenCalledWith('acme');
  });

  it('sends another chosen area', async () => {
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });
    await fireEvent.click(screen.getByRole('radio', { name: /Americas/ }));

    await submit();

    await waitFor(() => expect(bindings.Create).toHaveBeenCalled());
    expect(bindings.Create.mock.calls[0][0]).toMatchObject({
      region: { type: 'smartGroup', code: 'americas' },
    });
  });

  it('sends a specific region', async () => {
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Choose a specific region' }));
    const select = screen.getByRole('combobox', { name: 'Specific region' });
    expect((select as HTMLSelectElement).value).toBe('eu-central-1');
    await fireEvent.change(select, { target: { value: 'us-east-1' } });

    await submit();

    await waitFor(() => expect(bindings.Create).toHaveBeenCalled());
    expect(bindings.Create.mock.calls[0][0]).toMatchObject({
      region: { type: 'specific', code: 'us-east-1' },
    });
  });

  it('sends a typed password', async () => {
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Type my own password' }));
    const field = screen.getByLabelText('Your password');
    await fireEvent.input(field, { target: { value: 'correct-Horse-7-battery' } });
    expect(await screen.findByText(/Strength: Strong/)).toBeTruthy();

    await submit();

    await waitFor(() => expect(bindings.Create).toHaveBeenCalled());
    expect(bindings.Create.mock.calls[0][0]).toMatchObject({ password: 'correct-Horse-7-battery' });
  });

  it('blocks a weak typed password', async () => {
    bindings.PasswordStrength.mockResolvedValue({ level: 'weak', reason: 'too_short', length: 4, kinds: 1 });
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Type my own password' }));
    await fireEvent.input(screen.getByLabelText('Your password'), { target: { value: 'abcz' } });
    await screen.findByText(/Strength: Weak/);

    await submit();

    expect(await screen.findByText(/Choose a stronger password\./)).toBeTruthy();
    expect(screen.getByText('Strength: Weak. Use at least 8 characters.')).toBeTruthy();
    expect(bindings.Create).not.toHaveBeenCalled();
  });

  it('sends once when clicked twice', async () => {
    bindings.Create.mockReturnValue(pending());
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });
    const button = screen.getByRole('button', { name: 'Create project' });

    await fireEvent.click(button);
    await waitFor(() => expect(button.textContent?.trim()).toBe('Creating…'));
    await fireEvent.click(button);
    await fireEvent.submit(button.closest('form')!);

    expect(bindings.Create).toHaveBeenCalledTimes(1);
    expect(button.getAttribute('aria-disabled')).toBe('true');
  });

  it('selects the organization of the new project', async () => {
    app.Projects.mockResolvedValue([projectFixture('newref', 'COMING_UP')]);
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });
    await fireEvent.change(screen.getByLabelText('Organization'), { target: { value: 'globex' } });
    await waitFor(() => expect(bindings.Regions).toHaveBeenLastCalledWith('globex'));
    await screen.findByRole('radio', { name: /Americas/ });

    await submit();

    await waitFor(() => expect(projects.selectedSlug).toBe('globex'));
    expect(bindings.Create.mock.calls[0][0]).toMatchObject({ organizationSlug: 'globex' });
    expect(app.Projects).toHaveBeenCalledWith('globex');
  });

  it('shows the progress screen after success', async () => {
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });

    await submit();

    await waitFor(() =>
      expect(navigation.view).toEqual({ name: 'progress', ref: 'newref', projectName: 'Shop' }),
    );
  });
});

describe('CreateProject failures', () => {
  it('explains a missing answer and keeps the form', async () => {
    bindings.Create.mockRejectedValue(rejection('outcome_unknown', 'context deadline exceeded'));
    bindings.Recover.mockResolvedValue({ attached: [], unclaimed: [] });
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });

    await submit();

    expect(await screen.findByText(/No answer came from Supabase/)).toBeTruthy();
    expect(screen.getByText(/kept safely in your system keychain/)).toBeTruthy();
    expect(nameField().value).toBe('Shop');

    await fireEvent.click(screen.getByRole('button', { name: 'Check now' }));

    await waitFor(() => expect(bindings.Recover).toHaveBeenCalledTimes(1));
    expect(await screen.findByText(/Supabase has no project named “Shop” yet/)).toBeTruthy();
  });

  it('opens a project that the check found', async () => {
    bindings.Create.mockRejectedValue(rejection('outcome_unknown'));
    bindings.Recover.mockResolvedValue({
      attached: [{ pendingId: 'p1', ref: 'foundref', name: 'Shop', organizationSlug: 'acme' }],
      unclaimed: [],
    });
    app.Projects.mockResolvedValue([]);
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });
    await submit();

    await fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Open the project' }));

    await waitFor(() => expect(navigation.view).toEqual({ name: 'details', ref: 'foundref' }));
  });

  it('shows a password that could not be saved', async () => {
    bindings.Create.mockRejectedValue(rejection('password_not_saved', 'keyring: locked'));
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });

    await submit();

    expect(await screen.findByText(/could not save its database password/)).toBeTruthy();
    expect(screen.getByText(GENERATED)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy Database password of Shop' })).toBeTruthy();
  });

  it('keeps the form after a rejection', async () => {
    bindings.Create.mockRejectedValue(rejection('invalid_input', 'name already used'));
    await renderForm();
    await fireEvent.input(nameField(), { target: { value: 'Shop' } });

    await submit();

    expect(await screen.findByText(/It replied: name already used/)).toBeTruthy();
    expect(nameField().value).toBe('Shop');
    expect(screen.getByRole('button', { name: 'Create project' }).getAttribute('aria-disabled')).toBe('false');
  });
});
