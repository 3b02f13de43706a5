import type { ChangeEvent } from 'react'
import type { SslMode } from '../../../../shared/connection-types'
import { ChoiceSelect } from '../../components/ChoiceSelect'
import { Field } from '../../components/Field'
import {
  defaultPort,
  defaultUser,
  DIALECT_CHOICES,
  serverDialect,
  SSL_CHOICES,
  type DialectChoice,
  type Draft,
  type EditableField,
  type FieldErrors,
} from './draft'

export interface ConnectionFieldsProps {
  draft: Draft
  /** Only the errors to show now (touched fields, or all after a Test attempt). */
  errors: FieldErrors
  onField: <K extends EditableField>(field: K, value: Draft[K]) => void
  onDialect: (dialect: DialectChoice) => void
  passwordPlaceholder?: string
  passwordHelp?: string
}

/** The separate fields that say the same as the connection string. */
export function ConnectionFields({ draft, errors, onField, onDialect, passwordPlaceholder, passwordHelp }: ConnectionFieldsProps) {
  const server = serverDialect(draft.dialect)
  const text = (field: 'host' | 'port' | 'user' | 'database' | 'storage' | 'socket') => ({
    value: draft[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => onField(field, e.target.value),
    spellCheck: false,
    autoComplete: 'off',
  })
  return (
    <fieldset className="conn-fields">
      <legend>Or fill in the parts</legend>
      <div className="conn-grid">
        <div className="span-2">
          <Field label="Database type">
            <ChoiceSelect value={draft.dialect} choices={DIALECT_CHOICES} onChoose={onDialect} />
          </Field>
        </div>
        {server === null ? (
          <div className="span-4">
            <Field
              label="SQLite file path"
              help="An absolute path, or one relative to the folder Rowboat started in."
              error={errors.storage}
            >
              <input type="text" className="mono" placeholder="/home/me/app.db" {...text('storage')} />
            </Field>
          </div>
        ) : (
          <>
            <div className="span-3">
              <Field label="Host" error={errors.host}>
                <input type="text" placeholder="localhost" {...text('host')} />
              </Field>
            </div>
            <div className="span-1">
              <Field label="Port" error={errors.port}>
                <input type="text" inputMode="numeric" placeholder={defaultPort(draft.dialect)} {...text('port')} />
              </Field>
            </div>
            <div className="span-3">
              <Field label="User" error={errors.user}>
                <input type="text" placeholder={defaultUser(draft.dialect) || 'your login name'} {...text('user')} />
              </Field>
            </div>
            <div className="span-3">
              <Field label="Password" help={passwordHelp} error={errors.password}>
                <input
                  type="password"
                  autoComplete="new-password"
                  placeholder={passwordPlaceholder}
                  value={draft.password}
                  onChange={(e) => onField('password', e.target.value)}
                />
              </Field>
            </div>
            <div className="span-3">
              <Field label="Database" error={errors.database}>
                <input type="text" placeholder={server === 'mysql' ? 'none: choose one after Connect' : undefined} {...text('database')} />
              </Field>
            </div>
            <div className="span-3">
              <Field label="SSL mode">
                <ChoiceSelect value={draft.ssl} choices={SSL_CHOICES} onChoose={(ssl: SslMode) => onField('ssl', ssl)} />
              </Field>
            </div>
            {server === 'mysql' && (
              <div className="span-6">
                <Field
                  label="Unix socket (optional)"
                  help="When set, Rowboat connects through this socket instead of the host and port."
                  error={errors.socket}
                >
                  <input type="text" className="mono" placeholder="/run/mysqld/mysqld.sock" {...text('socket')} />
                </Field>
              </div>
            )}
          </>
        )}
      </div>
    </fieldset>
  )
}
