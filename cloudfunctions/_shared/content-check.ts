import type { ErrorCode } from '../../src/contract/errors'
import type { Ctx, MemberCaller } from './context'
import { AppError, fail } from './errors'

/**
 * Text members write for others to read (学习心得, 补学体会) goes through WeChat's content security check before it
 * is stored: security.msgSecCheck version 2 with the writer's openid, scene 2 (评论). A `suggest` other than `pass`
 * (risky or review) refuses the text with `code`; 87014 is the same verdict from the older API form. Any other error
 * is the API failing, not the member, and surfaces as such. The function needs `security.msgSecCheck` in its
 * cloudbaserc.json open-API permissions.
 */
export async function assertSafeText(ctx: Ctx<MemberCaller>, content: string, code: ErrorCode): Promise<void> {
  try {
    const res = (await ctx.cloud.openapi.security.msgSecCheck({
      content,
      version: 2,
      scene: 2,
      openid: ctx.caller.openid,
    })) as { result?: { suggest?: string } }
    if (res.result?.suggest && res.result.suggest !== 'pass') fail(code)
  } catch (err) {
    if (err instanceof AppError) throw err
    if ((err as { errCode?: number }).errCode === 87014) fail(code)
    throw err
  }
}
