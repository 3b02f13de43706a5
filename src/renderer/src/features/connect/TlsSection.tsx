import type { ChangeEvent } from 'react'
import { Field } from '../../components/Field'
import type { Draft, EditableField, FieldErrors, TlsFileField } from './draft'

export interface TlsSectionProps {
  draft: Draft
  errors: FieldErrors
  onField: <K extends EditableField>(field: K, value: Draft[K]) => void
  /** Whether a saved connection holds the key's passphrase (so an empty field keeps it), and how long. */
  savedPassphrase: 'none' | 'session' | 'remembered'
}

/** Each ecosystem's name for an option, shown so the field can be matched with a config file. */
const OPTION: Record<TlsFileField | 'sslPassword', { postgres: string; mysql: string }> = {
  sslCa: { postgres: 'sslrootcert', mysql: 'ssl_ca' },
  sslCert: { postgres: 'sslcert', mysql: 'ssl_cert' },
  sslKey: { postgres: 'sslkey', mysql: 'ssl_key' },
  sslPassword: { postgres: 'sslpassword', mysql: 'ssl_key_password' },
}

/**
 * "TLS certificates": the CA that signs the server's certificate, and the client certificate and
 * key a server may ask for, as paths on this computer that Rowboat reads when connecting (the same
 * paths the connection string holds, so another tool reading the string finds the same files).
 * The key's passphrase is a secret: it never goes into the connection string the form writes.
 */
export function TlsSection({ draft, errors, onField, savedPassphrase }: TlsSectionProps) {
  const dialect = draft.dialect === 'postgres' ? 'postgres' : 'mysql'
  const file = (field: TlsFileField) => ({
    value: draft[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => onField(field, e.target.value),
    spellCheck: false,
    autoComplete: 'off',
  })
  const given = [draft.sslCa, draft.sslCert, draft.sslKey].filter((f) => f.trim() !== '').length
  const kept =
    savedPassphrase === 'remembered'
      ? 'Remembered — leave empty to keep it'
      : savedPassphrase === 'session'
        ? 'Known until Rowboat quits — leave empty to keep it'
        : undefined
  return (
    <details className="conn-ssh conn-tls" open={given > 0 || draft.sslPassword !== '' || undefined}>
      <summary>TLS certificates{given > 0 ? `: ${given} file${given === 1 ? '' : 's'}` : ''}</summary>
      <p className="field-help conn-ssh-help">
        Paths on this computer, read by Rowboat when connecting; they go into the connection string as {OPTION.sslCa[dialect]},{' '}
        {OPTION.sslCert[dialect]} and {OPTION.sslKey[dialect]}. Giving a file turns TLS on.
      </p>
      <div className="conn-grid">
        <div className="span-6">
          <Field
            label={`CA certificate (${OPTION.sslCa[dialect]})`}
            help="The authority that signed the server’s certificate."
            error={errors.sslCa}
          >
            <input type="text" className="mono" placeholder="~/certs/ca.pem" {...file('sslCa')} />
          </Field>
        </div>
        <div className="span-3">
          <Field label={`Client certificate (${OPTION.sslCert[dialect]})`} help="Only if the server asks for one." error={errors.sslCert}>
            <input type="text" className="mono" placeholder="~/certs/client.crt" {...file('sslCert')} />
          </Field>
        </div>
        <div className="span-3">
          <Field label={`Client key (${OPTION.sslKey[dialect]})`} help="PEM; encrypted or not." error={errors.sslKey}>
            <input type="text" className="mono" placeholder="~/certs/client.key" {...file('sslKey')} />
          </Field>
        </div>
        <div className="span-3">
          <Field
            label="Client key passphrase"
            help={`Only if the key is encrypted (${OPTION.sslPassword[dialect]}). Kept out of the connection string.`}
            error={errors.sslPassword}
          >
            <input
              type="password"
              autoComplete="new-password"
              placeholder={kept}
              value={draft.sslPassword}
              onChange={(e) => onField('sslPassword', e.target.value)}
            />
          </Field>
        </div>
      </div>
    </details>
  )
}
