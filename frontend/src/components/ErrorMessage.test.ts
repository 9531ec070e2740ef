import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/apperror';
import ErrorMessage from './ErrorMessage.svelte';

describe('ErrorMessage', () => {
  it('shows advice and hides details', () => {
    render(ErrorMessage, { props: { error: new AppError('unreachable', 'dial tcp: i/o timeout') } });

    expect(screen.getByText('Supaconnect could not reach Supabase.')).toBeTruthy();
    const toggle = screen.getByRole('button', { name: 'Details' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('dial tcp: i/o timeout').closest('dl')?.hidden).toBe(true);
  });

  it('reveals code and message', async () => {
    render(ErrorMessage, { props: { error: new AppError('unreachable', 'dial tcp: i/o timeout') } });
    const toggle = screen.getByRole('button', { name: 'Details' });

    await fireEvent.click(toggle);

    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(details?.hidden).toBe(false);
    expect(details?.textContent).toContain('unreachable');
    expect(details?.textContent).toContain('dial tcp: i/o timeout');
  });

  it('uses generic advice for an unknown code', () => {
    render(ErrorMessage, { props: { error: new AppError('quota_exceeded', '') } });

    expect(screen.getByText('Something unexpected went wrong.')).toBeTruthy();
  });

  it('moves the action into details when compact', () => {
    render(ErrorMessage, {
      props: { error: new AppError('keychain_unavailable', ''), tone: 'warning', compact: true },
    });

    expect(screen.getByRole('status')).toBeTruthy();
    expect(screen.getByText(/GNOME Keyring/).closest('dl')?.hidden).toBe(true);
  });
});
