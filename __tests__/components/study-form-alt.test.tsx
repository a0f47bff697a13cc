import {
  blankStudyForm,
  imageMarkdown,
  imagesWithoutAlt,
  validateStudyForm,
} from '@/packages/admin/components/study-form'

const form = (markdown: string) => ({ ...blankStudyForm(), title: '图片说明测试', markdown, readMinutes: '3' })

test('an image without a description stops the form with a message that says how to add one', () => {
  const out = validateStudyForm(form('正文\n\n![](cloud://env/study/images/a.png)\n\n![  ](https://x.cn/b.png)'), 'b1')
  expect(out).toEqual({
    ok: false,
    error:
      '正文中有 2 张图片没有图片说明：请在 ![ ] 的方括号中写一句话说明图片内容（读屏软件会朗读，图片下方也会显示）',
  })
  expect(validateStudyForm(form('正文\n\n![支部党员重温入党誓词](https://x.cn/b.png)'), 'b1').ok).toBe(true)
})

test('counts only images, and an uploaded image is inserted with its description', () => {
  expect(imagesWithoutAlt('[链接](https://x.cn) ![说明](a.png) ![](b.png)')).toBe(1)
  expect(imageMarkdown('党员[合影]', 'cloud://env/study/images/a.png')).toBe(
    '![党员 合影](cloud://env/study/images/a.png)',
  )
})
