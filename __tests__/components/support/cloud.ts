import type { InputOf, OutputOf, ProcedureName } from '@/contract'
import { clearAll } from '@/remote/cache'
import { call, uploadFile } from '@/services/api-client'

type Answer = (input: unknown) => unknown

/**
 * The cloud as a component test sees it: each procedure answers what the test says, once or always; a procedure the
 * test did not mention fails loudly.
 */
export function fakeCloud() {
  // A new cloud means nothing cached from the previous test (as after a sign-out).
  clearAll()
  const answers = new Map<string, Answer[]>()
  const callMock = call as unknown as jest.Mock
  callMock.mockReset()
  callMock.mockImplementation(async (name: string, input: unknown) => {
    const queue = answers.get(name)
    if (!queue?.length) throw new Error(`unexpected call ${name}`)
    const answer = queue.length > 1 ? queue.shift()! : queue[0]
    return answer(input)
  })
  const add = (name: string, a: Answer) => answers.set(name, [...(answers.get(name) ?? []), a])
  return {
    reply<N extends ProcedureName>(name: N, out: OutputOf<N> | ((input: InputOf<N>) => OutputOf<N>)) {
      add(name, (input) => (typeof out === 'function' ? (out as (i: unknown) => unknown)(input) : out))
    },
    fail(name: ProcedureName, error: Error) {
      add(name, () => {
        throw error
      })
    },
    calls(name: ProcedureName): unknown[] {
      return callMock.mock.calls.filter((c) => c[0] === name).map((c) => c[1])
    },
    uploadFile: uploadFile as unknown as jest.Mock,
  }
}

/**
 * An answer the test releases when it chooses, for `cloud.reply(name, h.answer)`: each call gets a new pending answer
 * (the fake cloud awaits what a reply returns), `resolve` releases the latest one.
 */
export function held<T>() {
  let release: (v: T) => void = () => {}
  return {
    answer: () => new Promise<T>((r) => (release = r)) as unknown as T,
    resolve: (v: T) => release(v),
  }
}
