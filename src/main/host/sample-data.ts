/**
 * The sample database's content: a small blog, like the one the Flask and Sequelize tutorials
 * build, so a newcomer sees real-looking rows, relations and a few NULLs at once.
 */
export interface SampleUser {
  username: string
  email: string
  bio: string | null
  is_active: boolean
  score: number
}

export const SAMPLE_USERS: SampleUser[] = [
  {
    username: 'alice',
    email: 'alice@example.com',
    bio: 'Backend developer. Writes about Postgres and coffee.',
    is_active: true,
    score: 92.5,
  },
  { username: 'bob', email: 'bob@example.com', bio: 'Learning Flask one tutorial at a time.', is_active: true, score: 41 },
  { username: 'carol', email: 'carol@example.org', bio: null, is_active: true, score: 77.25 },
  { username: 'dave', email: 'dave@example.net', bio: 'Ops by day, SQLite enthusiast by night.', is_active: false, score: 12 },
  { username: 'erin', email: 'erin@example.com', bio: 'Data engineer 📊', is_active: true, score: 88 },
  { username: 'frank', email: 'frank@example.org', bio: 'Migrations should be boring.', is_active: true, score: 63.75 },
  { username: 'grace', email: 'grace@example.com', bio: 'Frontend, accessibility, tea.', is_active: true, score: 95 },
  { username: 'heidi', email: 'heidi@example.de', bio: 'Grüße aus Berlin.', is_active: true, score: 58.5 },
  { username: 'ivan', email: 'ivan@example.com', bio: null, is_active: false, score: 0 },
  { username: 'judy', email: 'judy@example.net', bio: 'Indexes are a love language.', is_active: true, score: 71 },
]

const TOPICS = [
  ['Why I moved from MySQL to PostgreSQL', 'It started with a JSON column and ended with a migration weekend.'],
  ['Five SQLAlchemy patterns I use every day', 'Sessions, relationships, and why lazy loading bit me.'],
  ['Keyset pagination, explained', 'OFFSET gets slower the deeper you go. Seek instead.'],
  ['A gentle intro to database migrations', 'Every schema change is a file, every file runs once.'],
  ['Backups you can actually restore', 'Test the restore, not just the dump.'],
  ['Unicode in MySQL: utf8 vs utf8mb4', 'Emoji need four bytes. 🚣'],
  ['Indexes: when and why', 'A missing index on a foreign key is the classic slow join.'],
  ['Testing with a real database', 'Mocks agree with you; databases do not.'],
  ['Soft deletes considered harmful?', 'A deleted_at column changes every query you write.'],
  ['Timestamps and time zones', 'Store UTC, show local, and never trust the server clock.'],
] as const

export interface SamplePost {
  title: string
  content: string
  /** Index into SAMPLE_USERS. */
  author: number
}

/** 30 posts spread unevenly across the users (some have none, like real blogs). */
export const SAMPLE_POSTS: SamplePost[] = Array.from({ length: 30 }, (_, i) => {
  const [title, content] = TOPICS[i % TOPICS.length]
  const part = Math.floor(i / TOPICS.length)
  return {
    title: part === 0 ? title : `${title} (part ${part + 1})`,
    content,
    author: [0, 0, 1, 2, 4, 4, 5, 6, 6, 6][i % 10],
  }
})

export const SAMPLE_NOTES: Array<{ title: string; content: string }> = [
  { title: 'Release checklist', content: 'Run migrations on staging first. Take a backup. Announce downtime.' },
  { title: 'Connection strings', content: 'dev: sqlite:///app.db\nprod: mysql+pymysql://app@db/app' },
  { title: 'Ideas', content: 'Tags for posts? Draft status?' },
  { title: 'Meeting notes 2024-03-04', content: 'Agreed to add an index on posts.user_id.' },
  { title: 'TODO', content: '' },
  { title: 'Slow queries', content: 'The user page does N+1 queries for posts.' },
  { title: 'Passwords', content: 'Never commit them. Use environment variables.' },
  { title: 'Reading list', content: 'Use The Index, Luke; Designing Data-Intensive Applications.' },
  { title: 'Bug: duplicate emails', content: 'Add a unique constraint and clean up the two duplicates first.' },
  { title: 'Schema sketch', content: 'users 1—n posts; notes stand alone.' },
  { title: 'Grocery list', content: 'Coffee ☕, oat milk, bread.' },
  { title: 'Deploy notes', content: 'Gunicorn with 4 workers; pool size 5 each.' },
  { title: 'Quote', content: '“Make it work, make it right, make it fast.”' },
  { title: 'Time zones', content: 'Server in UTC. Users in Europe/Berlin and America/New_York.' },
  { title: 'Empty note', content: '' },
]
