import { Text, View } from '@tarojs/components'
import { COLLECTED, PERMISSIONS, PRIVACY_GUIDE_TITLE, PRIVACY_TERMS } from '@/content/privacy-guide'
import './index.scss'

/** 隐私政策: the 用户隐私保护指引 in full, reachable from 我的, the bind page and the consent sheet. */
export default function PrivacyPage() {
  return (
    <View className="page privacy-page" id="privacy-page">
      <Text className="privacy-page-title">{PRIVACY_GUIDE_TITLE}</Text>
      <Text className="privacy-page-lead">
        本小程序由所在单位机关党委为党员提供党建服务。我们收集以下信息，并只用于所列用途：
      </Text>
      <View className="card privacy-section">
        <Text className="privacy-section-title">我们收集的信息</Text>
        {COLLECTED.map((i) => (
          <View key={i.what} className="privacy-item">
            <Text className="privacy-item-what">{i.what}</Text>
            <Text className="privacy-item-why">{i.why}</Text>
          </View>
        ))}
      </View>
      <View className="card privacy-section">
        <Text className="privacy-section-title">我们使用的权限</Text>
        {PERMISSIONS.map((i) => (
          <View key={i.what} className="privacy-item">
            <Text className="privacy-item-what">{i.what}</Text>
            <Text className="privacy-item-why">{i.why}</Text>
          </View>
        ))}
      </View>
      <View className="card privacy-section">
        <Text className="privacy-section-title">存储、使用与您的权利</Text>
        {PRIVACY_TERMS.map((t) => (
          <Text key={t} className="privacy-term">
            {t}
          </Text>
        ))}
      </View>
    </View>
  )
}
