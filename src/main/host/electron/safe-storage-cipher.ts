import { safeStorage } from 'electron'
import { localKeyCipher, type SecretCipher } from '../../store/secrets'

/**
 * Electron's safeStorage, but only when the OS keychain really backs it. On Linux without a
 * keyring it falls back to `basic_text`, a hard-coded key that protects nothing; then we use the
 * local key file and say so plainly.
 */
export function electronCipher(dataDir: string): SecretCipher {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
  const keychain = safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown'
  if (!keychain) return localKeyCipher(dataDir)
  return {
    kind: 'keychain',
    description: 'Encrypted with a key held by your operating system’s keychain; only your user account can decrypt it.',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  }
}
