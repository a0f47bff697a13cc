// AntV F2 draws on a 2d canvas, which jsdom cannot paint. Replaced here (imported before the page under test, as the
// esbuild transform does not hoist jest.mock) by a canvas that records each chart it is asked to draw: a test reads
// the element tree the screen built — the bars' and lines' data — as the real F2 would receive it. Drawing itself is
// the e2e's to check (committee.e2e.ts reads the painted pixels in Chromium).

export interface FakeElement {
  type: string
  props: Record<string, unknown> & { children: FakeElement[] }
}

/** Every chart drawn, newest last, with the canvas size and pixel ratio it was given. */
export const mockDrawn: Array<{
  width: number
  height: number
  pixelRatio: number
  padding?: unknown
  chart: FakeElement
}> = []

/** The first element of a type in a drawn chart (`Interval`, `Line`, …). */
export function findIn(chart: FakeElement, type: string): FakeElement | undefined {
  if (chart.type === type) return chart
  for (const c of chart.props.children) {
    const hit = findIn(c, type)
    if (hit) return hit
  }
  return undefined
}

jest.mock('@antv/f2', () => {
  const component = (name: string) => Object.defineProperty(() => null, 'name', { value: name })
  return {
    jsx: (type: { name: string }, props: object, ...children: unknown[]) => ({
      type: type.name,
      props: { ...props, children },
    }),
    Chart: component('Chart'),
    Axis: component('Axis'),
    Interval: component('Interval'),
    Line: component('Line'),
    Point: component('Point'),
    Canvas: class {
      constructor(
        private props: { width: number; height: number; pixelRatio: number; padding?: unknown; children: FakeElement },
      ) {}
      render() {
        const { width, height, pixelRatio, padding, children } = this.props
        mockDrawn.push({ width, height, pixelRatio, padding, chart: children })
      }
      destroy() {}
    },
  }
})

// A canvas with a size and a 2d context, as a browser lays it out (jsdom has neither).
HTMLCanvasElement.prototype.getContext = function () {
  return {} as never
} as never
HTMLCanvasElement.prototype.getBoundingClientRect = () => ({ width: 343, height: 180 }) as DOMRect
