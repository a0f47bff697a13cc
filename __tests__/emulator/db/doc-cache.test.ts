// The decoded-document cache stays within its bound, keeps what is being used, and never serves a stale version.
import { DocCache } from '../../../emulator/db/doc-cache'

it('stays within capacity and gives recently used documents a second chance', () => {
  const cache = new DocCache(100)
  for (let i = 0; i < 100; i++) cache.set('c', `k${i}`, 1, { i })
  for (let i = 0; i < 10; i++) expect(cache.get('c', `k${i}`, 1)).toEqual({ i })
  for (let i = 100; i < 1000; i++) {
    cache.set('c', `k${i}`, 1, { i })
    cache.get('c', 'k0', 1)
    expect(cache.size).toBeLessThanOrEqual(100)
  }
  expect(cache.get('c', 'k0', 1)).toEqual({ i: 0 })
  expect(cache.get('c', 'k999', 1)).toEqual({ i: 999 })
  expect(cache.get('c', 'k50', 1)).toBeUndefined()
})

it('misses on another version and forgets deleted entries', () => {
  const cache = new DocCache(10)
  cache.set('c', 'a', 1, { v: 1 })
  expect(cache.get('c', 'a', 2)).toBeUndefined()
  cache.set('c', 'a', 2, { v: 2 })
  expect(cache.get('c', 'a', 2)).toEqual({ v: 2 })
  cache.delete('c', 'a')
  expect(cache.get('c', 'a', 2)).toBeUndefined()
})
