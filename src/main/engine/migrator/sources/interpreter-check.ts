import { execFile } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../../../shared/errors'

/** The module each kind of project runs, and the pip package that installs it. */
const NEEDS = {
  flask: { module: 'flask_migrate', pip: 'Flask-Migrate' },
  alembic: { module: 'alembic', pip: 'alembic' },
} as const

// Prints the version and whether the module is importable, without importing the project's app.
const PROBE = 'import importlib.util,json,sys;print(json.dumps([sys.version.split()[0],importlib.util.find_spec(sys.argv[1]) is not None]))'

const refuse = (message: string, hint: string) => new AppError({ code: 'INVALID_INPUT', field: 'interpreter', message, hint })

/**
 * Checks a Python interpreter the user typed before it is kept and run: an absolute path to an
 * existing executable file, which runs as Python and can import the project's tool. It is the
 * user's own configuration, like an SSH key path; it is executed directly (never through a shell),
 * its arguments an array.
 */
export async function checkInterpreter(path: string, tool: keyof typeof NEEDS): Promise<void> {
  if (!isAbsolute(path)) {
    throw refuse(`${path} is not an absolute path.`, 'Type the full path of the interpreter, e.g. /home/me/shop/.venv/bin/python.')
  }
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) throw refuse(`There is no file at ${path}.`, "Type the path of the project's Python (its virtualenv's bin/python).")
  if (!stat.isFile())
    throw refuse(`${path} is not a file.`, 'Type the path of the Python executable itself (…/bin/python), not its folder.')
  try {
    accessSync(path, constants.X_OK)
  } catch {
    throw refuse(`${path} is not executable.`, "Choose the project's Python executable (its virtualenv's bin/python).")
  }
  const { module, pip } = NEEDS[tool]
  const answer = await new Promise<string>((resolve, reject) => {
    execFile(path, ['-c', PROBE, module], { timeout: 15_000, windowsHide: true }, (error, stdout, stderr) => {
      if (error)
        reject(
          refuse(
            `${path} did not run as Python: ${(stderr || error.message).trim().split('\n').at(-1)}.`,
            'Choose a Python 3 interpreter.',
          ),
        )
      else resolve(stdout)
    })
  })
  let parsed: [string, boolean]
  try {
    parsed = z.tuple([z.string(), z.boolean()]).parse(JSON.parse(answer.trim().split('\n').at(-1) ?? ''))
  } catch {
    throw refuse(`${path} did not answer as Python 3 does.`, 'Choose a Python 3 interpreter.')
  }
  const [version, found] = parsed
  if (!found) {
    throw refuse(
      `${path} (Python ${version}) cannot import ${module}, which this project's migrations run with.`,
      `Install it into that interpreter: ${path} -m pip install ${pip}`,
    )
  }
}
