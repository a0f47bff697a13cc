import { Text, Video, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { openExportedFile } from '@/components/open-file'
import { ensurePrivacyConsent } from '@/components/privacy-sheet/consent'
import type { Attachment } from '@/contract'

const isWeapp = process.env.TARO_ENV === 'weapp'

const KIND_LABELS: Record<Attachment['kind'], string> = { pdf: 'PDF', audio: '音频', video: '视频' }

/**
 * A link that is the media file itself (cloud files come back as temporary https links to the file), so it can play
 * in place; anything else (a page on 共产党员网, a 学习强国 share) is shown as a titled link.
 */
export function isPlayable(a: Attachment): boolean {
  const path = a.url.split(/[?#]/)[0].toLowerCase()
  return a.kind === 'audio'
    ? /\.(mp3|m4a|aac|wav|ogg|oga)$/.test(path)
    : a.kind === 'video'
      ? /\.(mp4|m4v|mov|webm)$/.test(path)
      : false
}

/** The site a link leads to, shown under its title instead of the raw address. */
export function hostOf(url: string): string {
  const m = /^https?:\/\/([^/?#]+)/i.exec(url)
  return m ? m[1].replace(/^www\./, '') : ''
}

async function openLink(a: Attachment) {
  try {
    if (a.kind === 'pdf' && isWeapp) {
      // In the app: WeChat's own document viewer, fetched by its cloud id when it is in cloud storage (no download
      // domain to whitelist), else by its https link.
      Taro.showLoading({ title: '正在打开' })
      await openExportedFile(a, 'attachment.pdf')
      Taro.hideLoading()
      return
    }
    if (isWeapp) {
      // A mini-program cannot open outside pages: copy the link for the browser.
      if (!(await ensurePrivacyConsent('复制资料链接'))) return
      await Taro.setClipboardData({ data: a.url })
      Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' })
      return
    }
    // H5: the browser's own viewer (PDF) or the page, in a new tab so the article and its reading clock stay.
    window.open(a.url, '_blank', 'noopener')
  } catch {
    if (isWeapp) Taro.hideLoading()
    Taro.showToast({ title: '打开失败，请稍后再试', icon: 'none' })
  }
}

/** weapp has no audio element to style: one play/pause control over the platform's audio context. */
function WeappAudio({ a }: { a: Attachment }) {
  const ctx = useRef<Taro.InnerAudioContext | null>(null)
  const [playing, setPlaying] = useState(false)
  useEffect(
    () => () => {
      ctx.current?.destroy()
    },
    [],
  )
  const toggle = () => {
    if (!ctx.current) {
      const c = Taro.createInnerAudioContext()
      c.src = a.url
      c.onPlay(() => setPlaying(true))
      c.onPause(() => setPlaying(false))
      c.onEnded(() => setPlaying(false))
      c.onError(() => {
        setPlaying(false)
        Taro.showToast({ title: '音频无法播放', icon: 'none' })
      })
      ctx.current = c
    }
    if (playing) ctx.current.pause()
    else ctx.current.play()
  }
  return (
    <View className="article-link" role="button" onClick={toggle}>
      {playing ? '暂停' : '播放'}
    </View>
  )
}

/** One attachment: a PDF to open, audio or video that plays in place, or a titled link to a page elsewhere. */
export function AttachmentItem({ a }: { a: Attachment }) {
  const playable = isPlayable(a)
  const head = <Text className={`article-attachment-kind article-attachment-${a.kind}`}>{KIND_LABELS[a.kind]}</Text>
  if (playable && a.kind === 'video') {
    return (
      <View className="article-attachment article-attachment-media" data-kind={a.kind}>
        <View className="article-attachment-row">
          {head}
          <Text className="article-attachment-name">{a.name}</Text>
        </View>
        <Video className="article-video" src={a.url} controls objectFit="contain" title={a.name} />
      </View>
    )
  }
  if (playable && a.kind === 'audio') {
    return (
      <View className="article-attachment article-attachment-media" data-kind={a.kind}>
        <View className="article-attachment-row">
          {head}
          <View className="article-attachment-main">
            <Text className="article-attachment-name">{a.name}</Text>
          </View>
          {isWeapp && <WeappAudio a={a} />}
        </View>
        {!isWeapp && <audio className="article-audio" src={a.url} controls preload="none" aria-label={a.name} />}
      </View>
    )
  }
  const host = a.kind === 'pdf' ? '' : hostOf(a.url)
  return (
    <View className="article-attachment" data-kind={a.kind} role="link" onClick={() => openLink(a)}>
      {head}
      <View className="article-attachment-main">
        <Text className="article-attachment-name">{a.name}</Text>
        {host && <Text className="article-attachment-url">来自 {host}</Text>}
      </View>
      <Text className="article-link">{a.kind === 'pdf' ? '打开' : isWeapp ? '复制链接' : '打开'}</Text>
    </View>
  )
}
