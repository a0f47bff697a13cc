import { Button as WxButton, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PRIVACY_GUIDE_TITLE } from '@/content/privacy-title'
import { ROUTES } from '@/routes'
import { AGREE_BUTTON_ID } from './consent'
import { usePrivacyStore } from '@/stores/privacy.store'

/**
 * The privacy consent sheet: shown when the user is about to bind, scan, pick a photo or file, or copy a link and has
 * not agreed yet (consent.ts decides). Render it once on every page with such an action. On weapp the agree
 * button must be open-type="agreePrivacyAuthorization" with the id passed back to WeChat; H5 shows the same sheet.
 */
export function PrivacySheet() {
  const open = usePrivacyStore((s) => s.open)
  const purpose = usePrivacyStore((s) => s.purpose)
  const decide = usePrivacyStore((s) => s.decide)
  if (!open) return null
  const isWeapp = process.env.TARO_ENV === 'weapp'
  return (
    <View className="privacy-mask" catchMove>
      <View className="privacy-sheet" id="privacy-sheet" role="dialog">
        <Text className="privacy-title">隐私保护提示</Text>
        <Text className="privacy-desc">
          {purpose ? `「${purpose}」需要使用您的个人信息。` : ''}
          在使用前，请您阅读并同意
          <Text
            className="privacy-link"
            id="privacy-open-guide"
            onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}
          >
            《{PRIVACY_GUIDE_TITLE}》
          </Text>
          。我们只收集党建工作必需的信息，仅在本单位使用。
        </Text>
        <View className="privacy-actions">
          <WxButton className="privacy-btn privacy-btn-decline" id="privacy-decline" onClick={() => decide(false)}>
            拒绝
          </WxButton>
          {isWeapp ? (
            <WxButton
              className="privacy-btn privacy-btn-agree"
              id={AGREE_BUTTON_ID}
              openType="agreePrivacyAuthorization"
              onAgreePrivacyAuthorization={() => decide(true, AGREE_BUTTON_ID)}
            >
              同意并继续
            </WxButton>
          ) : (
            <WxButton
              className="privacy-btn privacy-btn-agree"
              id={AGREE_BUTTON_ID}
              onClick={() => decide(true, AGREE_BUTTON_ID)}
            >
              同意并继续
            </WxButton>
          )}
        </View>
      </View>
    </View>
  )
}
