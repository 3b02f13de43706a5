import { useEffect, useState } from 'react'
import type { ConsoleTab, TransactionMode } from '../../../../shared/contract'
import { Button } from '../../components/Button'

export interface TabChange {
  timeoutSeconds?: number | null
  mode?: TransactionMode
}

interface Props {
  tab: ConsoleTab
  /** A statement is running: the transaction buttons wait for it. */
  busy: boolean
  onChange(change: TabChange): void
  onTransaction(action: 'begin' | 'commit' | 'rollback'): void
}

/**
 * A Query tab's own settings: the statement timeout (stopped by the database), auto-commit or
 * manual transactions with Begin / Commit / Rollback, and a marker while a transaction is open.
 */
export function TabSettings({ tab, busy, onChange, onTransaction }: Props) {
  const [timeout, setTimeoutText] = useState(tab.timeoutSeconds === null ? '' : String(tab.timeoutSeconds))
  useEffect(() => setTimeoutText(tab.timeoutSeconds === null ? '' : String(tab.timeoutSeconds)), [tab.timeoutSeconds])

  const commitTimeout = () => {
    const value = timeout.trim() === '' ? null : Math.round(Number(timeout))
    if (value !== null && (!Number.isFinite(value) || value < 1))
      return setTimeoutText(tab.timeoutSeconds === null ? '' : String(tab.timeoutSeconds))
    if (value !== tab.timeoutSeconds) onChange({ timeoutSeconds: value })
  }

  return (
    <div className="query-settings row">
      <label className="query-setting">
        Timeout
        <input
          className="query-timeout"
          inputMode="numeric"
          aria-label="Statement timeout (seconds)"
          placeholder="none"
          value={timeout}
          onChange={(e) => setTimeoutText(e.target.value.replace(/[^0-9]/g, ''))}
          onBlur={commitTimeout}
          onKeyDown={(e) => e.key === 'Enter' && commitTimeout()}
        />
        s
      </label>
      <label className="query-setting">
        Transactions
        <select
          aria-label="Transaction mode"
          value={tab.mode}
          disabled={busy || tab.transactionOpen}
          title={tab.transactionOpen ? 'Commit or roll back first' : undefined}
          onChange={(e) => onChange({ mode: e.target.value as TransactionMode })}
        >
          <option value="auto">Auto-commit</option>
          <option value="manual">Manual</option>
        </select>
      </label>
      {tab.mode === 'manual' && (
        <>
          <Button small disabled={busy || tab.transactionOpen} onClick={() => onTransaction('begin')}>
            Begin
          </Button>
          <Button small variant="primary" disabled={busy || !tab.transactionOpen} onClick={() => onTransaction('commit')}>
            Commit
          </Button>
          <Button small variant="danger" disabled={busy || !tab.transactionOpen} onClick={() => onTransaction('rollback')}>
            Rollback
          </Button>
          <span role="status" className={`badge ${tab.transactionOpen ? 'query-transaction-open' : ''}`}>
            {tab.transactionOpen ? 'Transaction open' : 'No transaction'}
          </span>
        </>
      )}
    </div>
  )
}
