import { randomBytes } from 'crypto'
import fs from 'fs'
import path from 'path'

/**
 * The function environment variables a real deployment sets in the console (README, "Deploy"). Locally they are
 * made once per data folder and kept there, so codes and sessions survive a restart.
 */
export function useLocalSecrets(dataDir: string): void {
  const file = path.join(dataDir, 'secrets.json')
  let secrets: Record<string, string> = {}
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, 'utf8'))
  secrets.CHECKIN_SECRET ??= randomBytes(24).toString('base64url')
  secrets.QUIZ_SECRET ??= randomBytes(24).toString('base64url')
  secrets.DEV_SESSION_SECRET ??= randomBytes(24).toString('base64url')
  // Readable by its owner only: these sign sign-in codes, seed 每日一练 and sign dev sessions.
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  fs.chmodSync(file, 0o600)
  // Not a secret: the subscribe-message template id a real deployment copies from the MP console.
  process.env.STUDY_TEMPLATE_ID ??= 'local_study_required'
  process.env.REMIND_TEMPLATE_ID ??= 'local_reminder'
  process.env.ACTIVITY_TEMPLATE_ID ??= 'local_activity_promoted'
  for (const [k, v] of Object.entries(secrets)) process.env[k] ??= v
}
