import './support/mock-boundaries'
import { act, render, screen } from '@testing-library/react'
import { Countdown, formatClock } from '@/components/countdown'

afterEach(() => {
  jest.useRealTimers()
})

test('the clock reads mm:ss, and h:mm:ss from an hour up', () => {
  expect(formatClock(0)).toBe('00:00')
  expect(formatClock(65)).toBe('01:05')
  expect(formatClock(3600 + 61)).toBe('1:01:01')
})

test('it counts down once a second and calls onExpire exactly once at zero', () => {
  jest.useFakeTimers({ now: new Date('2026-07-01T01:00:00.000Z') })
  const onExpire = jest.fn()
  render(<Countdown deadline={Date.now() + 3000} offsetMs={0} onExpire={onExpire} />)
  expect(screen.getByText('00:03')).toBeInTheDocument()

  act(() => {
    jest.advanceTimersByTime(1000)
  })
  expect(screen.getByText('00:02')).toBeInTheDocument()
  expect(onExpire).not.toHaveBeenCalled()

  act(() => {
    jest.advanceTimersByTime(2000)
  })
  expect(screen.getByText('00:00')).toBeInTheDocument()
  expect(onExpire).toHaveBeenCalledTimes(1)

  act(() => {
    jest.advanceTimersByTime(10_000)
  })
  expect(onExpire).toHaveBeenCalledTimes(1)
})

test('the time left follows the server clock, not the phone clock', () => {
  jest.useFakeTimers({ now: new Date('2026-07-01T01:00:00.000Z') })
  // The phone runs 2 minutes slow: the server says it is already 01:02, and the deadline is 01:10 server time.
  const serverNow = Date.now() + 2 * 60_000
  const deadline = serverNow + 8 * 60_000
  render(<Countdown deadline={deadline} offsetMs={serverNow - Date.now()} onExpire={() => {}} />)
  expect(screen.getByText('08:00')).toBeInTheDocument()
})

test('a deadline already past expires at once', () => {
  jest.useFakeTimers({ now: new Date('2026-07-01T01:00:00.000Z') })
  const onExpire = jest.fn()
  render(<Countdown deadline={Date.now() - 5000} offsetMs={0} onExpire={onExpire} />)
  expect(screen.getByText('00:00')).toBeInTheDocument()
  expect(onExpire).toHaveBeenCalledTimes(1)
})

test('the member is warned once at one minute and once at ten seconds before time runs out', () => {
  jest.useFakeTimers({ now: new Date('2026-07-01T01:00:00.000Z') })
  const onAlert = jest.fn()
  render(
    <Countdown deadline={Date.now() + 90_000} offsetMs={0} onExpire={() => {}} alerts={[60, 10]} onAlert={onAlert} />,
  )
  act(() => {
    jest.advanceTimersByTime(29_000)
  })
  expect(onAlert).not.toHaveBeenCalled()
  act(() => {
    jest.advanceTimersByTime(1_000)
  })
  expect(onAlert).toHaveBeenCalledWith(60)
  act(() => {
    jest.advanceTimersByTime(49_000)
  })
  expect(onAlert).toHaveBeenCalledTimes(1)
  act(() => {
    jest.advanceTimersByTime(1_000)
  })
  expect(onAlert).toHaveBeenLastCalledWith(10)
  act(() => {
    jest.advanceTimersByTime(20_000)
  })
  expect(onAlert).toHaveBeenCalledTimes(2)
})

test('a test resumed with 30 seconds left is not warned about the minute already past', () => {
  jest.useFakeTimers({ now: new Date('2026-07-01T01:00:00.000Z') })
  const onAlert = jest.fn()
  render(
    <Countdown deadline={Date.now() + 30_000} offsetMs={0} onExpire={() => {}} alerts={[60, 10]} onAlert={onAlert} />,
  )
  act(() => {
    jest.advanceTimersByTime(20_000)
  })
  expect(onAlert.mock.calls).toEqual([[10]])
})
