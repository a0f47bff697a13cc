import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { Tally } from '../../src/domain/attendance.rules'
import type { CriticismEntry, RecordTopic } from '../../src/domain/record.rules'
import { formatDateTime } from '../../src/domain/time'
import { fit, imageSize } from './images'

/** Everything one meeting's page of the Word file shows. */
export interface RecordPage {
  branchName: string
  title: string
  typeLabel: string
  startAt: string
  endAt: string
  place: string
  host: string | null
  recorder: string | null
  tally: Tally
  absent: string[]
  leave: string[]
  topics: RecordTopic[]
  minutes: string
  decisions: string[]
  criticism: CriticismEntry[]
  photos: Buffer[]
  materials: string[]
  complete: boolean
}

const FONT = '仿宋'
const text = (s: string, opts: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text: s, font: FONT, bold: opts.bold, size: opts.size ?? 28 })
const para = (s: string, opts: { bold?: boolean } = {}) =>
  new Paragraph({ children: [text(s, opts)], spacing: { after: 120 } })
const heading = (s: string) =>
  new Paragraph({
    children: [new TextRun({ text: s, font: '黑体', bold: true, size: 30 })],
    spacing: { before: 240, after: 120 },
  })

function cell(s: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [text(s, { bold, size: 24 })] })],
  })
}

/** The header block branches file: a two-column table of the meeting's facts and its attendance. */
function factsTable(p: RecordPage): Table {
  const t = p.tally
  const rows: Array<[string, string]> = [
    ['会议名称', p.title],
    ['会议类型', p.typeLabel],
    ['时间', `${formatDateTime(p.startAt)} 至 ${formatDateTime(p.endAt)}`],
    ['地点', p.place],
    ['主持人', p.host ?? '（未填写）'],
    ['记录人', p.recorder ?? '（未填写）'],
    [
      '出勤',
      `应到 ${t.expected} 人，实到 ${t.present + t.late} 人（迟到 ${t.late} 人），请假 ${t.leave} 人，缺席 ${t.absent + t.pending} 人`,
    ],
    ['缺席人员', p.absent.length ? p.absent.join('、') : '无'],
    ['请假人员', p.leave.length ? p.leave.join('、') : '无'],
  ]
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, 20, true), cell(v, 80)] })),
  })
}

function photoParagraphs(photos: Buffer[]): Paragraph[] {
  const out: Paragraph[] = []
  for (const data of photos) {
    const size = imageSize(data)
    if (!size) continue
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: size.type, data, transformation: fit(size, 420, 320) })],
        spacing: { after: 120 },
      }),
    )
  }
  return out
}

function pageOf(p: RecordPage): Array<Paragraph | Table> {
  const body: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({ text: `${p.branchName}${p.typeLabel}记录`, font: '方正小标宋简体', size: 40, bold: true }),
      ],
      spacing: { after: 240 },
    }),
    factsTable(p),
    heading('一、议题'),
    ...(p.topics.length
      ? p.topics.map((t, i) => para(`${i + 1}. ${t.first ? '【第一议题】' : ''}${t.title}`))
      : [para('（未填写）')]),
    heading('二、会议记录'),
    ...(p.minutes.trim()
      ? p.minutes
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .map((l) => para(l))
      : [para('（未填写）')]),
    heading('三、决议/决定'),
    ...(p.decisions.length ? p.decisions.map((d, i) => para(`${i + 1}. ${d}`)) : [para('无')]),
  ]
  let n = 4
  const numeral = () => ['', '一', '二', '三', '四', '五', '六', '七'][n++]
  if (p.criticism.length) {
    body.push(heading(`${numeral()}、批评与自我批评`))
    for (const c of p.criticism) {
      body.push(
        para(c.name, { bold: true }),
        para(`自我批评：${c.selfCriticism || '（未填写）'}`),
        para(`批评意见：${c.criticisms || '无'}`),
      )
    }
  }
  if (p.photos.length) body.push(heading(`${numeral()}、会议照片`), ...photoParagraphs(p.photos))
  if (p.materials.length)
    body.push(heading(`${numeral()}、会议材料`), ...p.materials.map((m, i) => para(`${i + 1}. ${m}`)))
  if (!p.complete) body.push(para('（本次会议纪实尚未完成）'))
  return body
}

/** One Word file: one meeting per page, in the order given. */
export async function recordsDocx(pages: RecordPage[], cover?: { title: string; subtitle: string }): Promise<Buffer> {
  const children: Array<Paragraph | Table> = []
  if (cover) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 2400, after: 480 },
        children: [new TextRun({ text: cover.title, font: '方正小标宋简体', size: 48, bold: true })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [text(cover.subtitle, { size: 32 })] }),
    )
  }
  pages.forEach((p, i) => {
    if (cover || i > 0) children.push(new Paragraph({ children: [new PageBreak()] }))
    children.push(...pageOf(p))
  })
  const doc = new Document({
    creator: '机关党建',
    title: cover?.title ?? pages[0]?.title ?? '会议纪实',
    sections: [{ children }],
  })
  return Packer.toBuffer(doc)
}
