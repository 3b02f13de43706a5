/**
 * Whether a URL is the app's own page: the dev server's origin, or the bundled index.html file.
 * Used to refuse IPC from, and navigation to, anything else.
 */
export function isOwnPage(url: string, rendererUrl: string): boolean {
  let candidate: URL
  let own: URL
  try {
    candidate = new URL(url)
    own = new URL(rendererUrl)
  } catch {
    return false
  }
  if (own.protocol === 'file:') return candidate.protocol === 'file:' && candidate.pathname === own.pathname
  return candidate.origin === own.origin
}
