import type { Migration } from '../src/main/engine/migrator/types'
import { createUsers } from './0001-create-users'
import { createPosts } from './0002-create-posts'
import { createNotes } from './0003-create-notes'
import { addUserProfile } from './0004-add-user-profile'
import { indexPostsUserId } from './0005-index-posts-user-id'

/** Every migration, oldest first. Listed by hand: the app is bundled, so nothing globs files at run time. */
export const migrations: Migration[] = [createUsers, createPosts, createNotes, addUserProfile, indexPostsUserId]
