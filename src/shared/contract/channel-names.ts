/**
 * Every channel's name, without its schema. The preload needs only these names, and importing the
 * contract would bundle zod into it (about 180 kB) just to read its keys. index.ts checks at compile
 * time that this list and the contract's keys are the same set, so neither can drift.
 * This file must import nothing: it is what keeps the preload a few kB.
 */
export const channelNames = [
  'app.info',
  'connections.test',
  'connections.createDatabase',
  'sessions.open',
  'sessions.close',
  'sessions.list',
  'connections.list',
  'connections.save',
  'connections.update',
  'connections.delete',
  'connections.duplicate',
  'connections.open',
  'schema.tables',
  'schema.describe',
  'records.page',
  'records.count',
  'records.get',
  'records.labels',
  'records.insert',
  'records.update',
  'records.delete',
  'records.batch',
  'records.preview',
  'records.bulkUpdate',
  'records.bulkDelete',
  'migrations.setSource',
  'migrations.status',
  'migrations.plan',
  'migrations.up',
  'migrations.down',
  'transfer.inspect',
  'transfer.import',
  'transfer.export',
  'transfer.cancel',
  'transfer.copyRows',
  'files.pickFolder',
  'files.pickImport',
  'files.pickExport',
  'query.run',
  'query.cancel',
  'query.history',
  'query.draft',
  'query.saveDraft',
  'query.schema',
] as const

export type ChannelName = (typeof channelNames)[number]
