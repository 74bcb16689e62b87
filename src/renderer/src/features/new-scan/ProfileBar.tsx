import { useEffect, useState } from 'react';
import type { ScanRequestInput } from '../../../../shared/scan-request';
import { useStore } from '../../store';
import { messageOf } from '../../store/app-slice';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { safeText } from '../../ui/safe-text';
import { NameDialog } from './NameDialog';

type Asking =
  { kind: 'save' } | { kind: 'rename'; name: string } | { kind: 'delete'; name: string };

/** Saved settings: fill the form from one, save the form as one, rename or delete one. */
export function ProfileBar({ request }: { request: ScanRequestInput | null }) {
  const profiles = useStore((s) => s.profiles);
  const current = useStore((s) => s.currentProfile);
  const loadProfiles = useStore((s) => s.loadProfiles);
  const applyProfile = useStore((s) => s.applyProfile);
  const saveProfile = useStore((s) => s.saveProfile);
  const renameProfile = useStore((s) => s.renameProfile);
  const deleteProfile = useStore((s) => s.deleteProfile);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    void loadProfiles();
  }, [loadProfiles]);
  const selected = profiles.some((p) => p.name === current) ? current : null;
  const act = async (action: () => Promise<void>, done: string) => {
    try {
      await action();
      setMessage({ text: done, error: false });
      setAsking(null);
    } catch (error) {
      setMessage({ text: messageOf(error), error: true });
      throw error;
    }
  };

  return (
    <div className="profile-bar">
      <label htmlFor="profile">Profile</label>
      <select
        id="profile"
        value={selected ?? ''}
        onChange={(e) => {
          setMessage(null);
          if (e.target.value) applyProfile(e.target.value);
        }}
      >
        <option value="">
          {profiles.length === 0 ? 'No saved profiles' : 'Choose a profile…'}
        </option>
        {profiles.map((p) => (
          <option key={p.name} value={p.name}>
            {safeText(p.name, 60)}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={request === null}
        title={
          request === null ? 'Fix the form first: a profile is a scan that could start' : undefined
        }
        onClick={() => setAsking({ kind: 'save' })}
      >
        Save as profile…
      </button>
      {selected && (
        <>
          <button type="button" onClick={() => setAsking({ kind: 'rename', name: selected })}>
            Rename
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setAsking({ kind: 'delete', name: selected })}
          >
            Delete
          </button>
        </>
      )}
      {message && (
        <span
          className={message.error ? 'form-error' : 'muted small'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </span>
      )}
      {asking?.kind === 'save' && request && (
        <NameDialog
          title="Save these settings as a profile"
          label="Profile name"
          initial={selected ?? ''}
          confirmLabel="Save profile"
          // `selected` is always one of the profiles: saving under it replaces it.
          hint={selected ? 'Saving under an existing name replaces that profile.' : undefined}
          onCancel={() => setAsking(null)}
          onConfirm={(name) => act(() => saveProfile(name, request), `Saved profile “${name}”.`)}
        />
      )}
      {asking?.kind === 'rename' && (
        <NameDialog
          title={`Rename profile “${asking.name}”`}
          label="New name"
          initial={asking.name}
          confirmLabel="Rename"
          onCancel={() => setAsking(null)}
          onConfirm={(name) => act(() => renameProfile(asking.name, name), `Renamed to “${name}”.`)}
        />
      )}
      {asking?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete profile “${asking.name}”?`}
          confirmLabel="Delete profile"
          danger
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            void act(() => deleteProfile(asking.name), 'Profile deleted.').catch(() => {})
          }
        >
          <p>The form keeps what it shows now; scans made with it stay in the history.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
