import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ArticleContent } from '@/components/article/article-content'
import { parseArticleHtml } from '@/components/article/article-nodes'

// What the study function stores: markdown-it's output cleaned by sanitize-html (content.ts).
const STORED =
  '<h2>一、学习“两个确立”</h2>' +
  '<p>深刻领悟<strong>“两个确立”</strong>的决定性意义，详见<a href="https://www.12371.cn/a.html?x=1&amp;y=2">共产党员网</a>。</p>' +
  '<ul><li>坚定理想信念</li><li>严守<em>政治纪律</em></li></ul>' +
  '<ol start="3"><li>第三条</li><li>第四条</li></ol>' +
  '<p><img src="https://example.com/a.png" alt="支部党员重温入党誓词" style="max-width:100%;height:auto;display:block;margin:8px auto;" /></p>' +
  '<p><img src="https://example.com/b.png" alt="" /></p>' +
  '<blockquote><p>不忘初心，牢记使命。</p></blockquote>' +
  '<table><thead><tr><th>时间</th><th>内容</th></tr></thead><tbody><tr><td>7 月</td><td>党课</td></tr></tbody></table>'

beforeEach(() => jest.clearAllMocks())

test('headings, bold, lists (bullets and numbers from start), a quote and a table are drawn', async () => {
  const { container } = render(<ArticleContent html={STORED} />)
  const h = container.querySelector('.ac-h2')!
  expect(h).toHaveTextContent('一、学习“两个确立”')
  expect(h.getAttribute('role')).toBe('heading')
  expect(h.getAttribute('aria-level')).toBe('2')
  expect(screen.getByText('“两个确立”').className).toContain('ac-strong')
  expect(screen.getByText('政治纪律').className).toContain('ac-em')
  const markers = [...container.querySelectorAll('.ac-marker')].map((m) => m.textContent)
  expect(markers).toEqual(['•', '•', '3.', '4.'])
  expect(container.querySelector('.ac-quote')).toHaveTextContent('不忘初心，牢记使命。')
  // The table goes through <rich-text> with its styles on each node.
  expect(container.querySelector('.ac-table')).not.toBeNull()
})

test('images carry their description as alt text and caption, and open the preview with every image', async () => {
  const { container } = render(<ArticleContent html={STORED} />)
  // Taro's H5 <Image> draws its inner <img> a moment later.
  await waitFor(() =>
    expect([...container.querySelectorAll('.ac-img img')].map((i) => i.getAttribute('alt'))).toEqual([
      '支部党员重温入党誓词',
      '文章插图',
    ]),
  )
  expect(screen.getByText('支部党员重温入党誓词').className).toContain('ac-caption')
  fireEvent.click(container.querySelector('.ac-img')!)
  expect(Taro.previewImage).toHaveBeenCalledWith({
    urls: ['https://example.com/a.png', 'https://example.com/b.png'],
    current: 'https://example.com/a.png',
  })
})

test('a link opens in a new tab on H5, with its address decoded', async () => {
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  render(<ArticleContent html={STORED} />)
  fireEvent.click(screen.getByText('共产党员网'))
  expect(open).toHaveBeenCalledWith('https://www.12371.cn/a.html?x=1&y=2', '_blank', 'noopener')
  open.mockRestore()
})

test('the parser keeps text as text: entities decoded, stray markup never becomes elements', () => {
  expect(parseArticleHtml('<p>a &lt;b&gt; &amp; &#20826; &#x5efa;\u00a0c</p>')).toEqual([
    { type: 'element', name: 'p', attrs: {}, children: [{ type: 'text', text: 'a <b> & 党 建\u00a0c' }] },
  ])
  // Unclosed and mismatched tags still give a tree; a lone `<` is text.
  const nodes = parseArticleHtml('<p>一 < 二<strong>三</p><p>四</p>')
  expect(nodes.map((n) => (n.type === 'element' ? n.name : n.text))).toEqual(['p', 'p'])
  expect(JSON.stringify(nodes)).toContain('一 < 二')
})
