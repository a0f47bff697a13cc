import { contentTools } from '../../../cloudfunctions/study/content'

const renderMarkdown = async (markdown: string) => (await contentTools()).renderMarkdown(markdown)

test('bold next to Chinese quotes and punctuation is bold, not raw **', async () => {
  const html = await renderMarkdown('坚持**“两个确立”**。做到**两个维护**，')
  expect(html).toContain('<strong>“两个确立”</strong>。')
  expect(html).toContain('<strong>两个维护</strong>，')
  expect(html).not.toContain('**')
})

test('tables and links survive, scripts do not', async () => {
  const html = await renderMarkdown(
    '| 项目 | 要求 |\n| --- | --- |\n| 三会一课 | 按月 |\n\n见 https://www.12371.cn\n\n<script>alert(1)</script>',
  )
  expect(html).toContain('<table>')
  expect(html).toContain('<td>三会一课</td>')
  expect(html).toContain('href="https://www.12371.cn"')
  expect(html).not.toContain('<script')
})
