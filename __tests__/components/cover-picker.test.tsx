import './support/mock-boundaries'
import { render, screen } from '@testing-library/react'
import { CoverPicker } from '@/packages/admin/components/cover-picker'

test('the chosen cover shows as an image named 封面预览, with 更换 beside it', async () => {
  render(
    <CoverPicker
      inputId="cover"
      classPrefix="ae"
      preview="https://example.com/c.png"
      uploading={false}
      onPick={jest.fn()}
    />,
  )
  // Taro's H5 image attaches its inner <img> a moment after the wrapper: wait for it.
  const img = await screen.findByRole('img', { name: '封面预览' })
  expect(img.getAttribute('src')).toBe('https://example.com/c.png')
  expect(screen.getByText('更换')).toBeInTheDocument()
})

test('no cover yet: no image, and the link says 上传图片', () => {
  render(<CoverPicker inputId="cover" classPrefix="ae" preview="" uploading={false} onPick={jest.fn()} />)
  expect(screen.queryByRole('img')).toBeNull()
  expect(screen.getByText('上传图片')).toBeInTheDocument()
})
