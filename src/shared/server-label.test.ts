import { describe, expect, it } from 'vitest'
import { serverLabel } from './server-label'

describe('serverLabel', () => {
  it('names MariaDB by its own name and number', () => {
    expect(serverLabel('mysql', '10.11.19-MariaDB')).toBe('MariaDB 10.11.19')
    expect(serverLabel('mysql', '10.11.6-MariaDB-0+deb12u1')).toBe('MariaDB 10.11.6')
    expect(serverLabel('mysql', '5.5.5-10.11.19-MariaDB')).toBe('MariaDB 10.11.19')
  })
  it('names the others as they are', () => {
    expect(serverLabel('mysql', '8.4.2')).toBe('MySQL 8.4.2')
    expect(serverLabel('postgres', '16.4 (Debian 16.4-1)')).toBe('PostgreSQL 16.4 (Debian 16.4-1)')
    expect(serverLabel('sqlite', '3.46.1')).toBe('SQLite 3.46.1')
  })
})
