import { coversOrg } from '../../src/domain/roles'
import { ROSTER_COLUMNS, ROSTER_FIELD_LABELS } from '../../src/domain/roster.rules'
import { saveWorkbook } from '../_shared/exports'
import { isRetired, orgsOf } from '../_shared/orgs'
import { styleHeader } from '../_shared/xlsx-format'
import { newWorkbook } from '../_shared/workbook'
import type { ArchiveHandler } from '../_shared/handlers'

type Field = keyof typeof ROSTER_COLUMNS

const NOTES: Record<Field, { required: boolean; values: string }> = {
  name: { required: true, values: '党员姓名' },
  phone: { required: true, values: '11 位手机号；已在花名册中的手机号会更新该党员，其余新建' },
  branch: { required: true, values: '与组织架构中的支部名称一致（见“支部与党小组”表）' },
  group: { required: false, values: '本支部下的党小组名称；留空不改，填“清空”则移出党小组' },
  role: {
    required: false,
    values: '党员、支部管理员、机关党委管理员、工会/志愿管理员（只有机关党委管理员的文件能改角色）',
  },
  gender: { required: false, values: '男 或 女' },
  title: { required: false, values: '如 支部书记、组织委员；留空不改，填“清空”则清除' },
}

/**
 * The roster import template: a 花名册 sheet with the headers only (an example row would be imported as a real
 * person if left in), the phone column formatted as text (Excel would otherwise turn 11 digits into 1.38E+10), a 说明
 * sheet with every accepted header spelling and value, and the branches and groups the caller may import into.
 */
export const rosterTemplate: ArchiveHandler<'rosterTemplate'> = async (_input, ctx) => {
  const orgs = await orgsOf(ctx)
  const fields = Object.keys(ROSTER_COLUMNS) as Field[]
  const wb = await newWorkbook()
  const roster = wb.addWorksheet('花名册')
  roster.addRow(fields.map((f) => ROSTER_FIELD_LABELS[f]))
  roster.getColumn(fields.indexOf('phone') + 1).numFmt = '@'
  styleHeader(roster)
  for (let c = 1; c <= fields.length; c++) roster.getColumn(c).width = Math.max(roster.getColumn(c).width ?? 0, 14)

  const notes = wb.addWorksheet('说明')
  notes.addRow(['列', '是否必填', '可用的列名写法', '填写说明'])
  for (const f of fields)
    notes.addRow([
      ROSTER_FIELD_LABELS[f],
      NOTES[f].required ? '必填' : '选填',
      ROSTER_COLUMNS[f].join('、'),
      NOTES[f].values,
    ])
  notes.addRow([])
  notes.addRow([
    '其他列不会导入，预览时会列出；任何一行有错则整份文件不导入。已标记转出、去世或停止党籍的党员不会因导入而恢复。',
  ])
  styleHeader(notes)
  notes.getColumn(3).width = 40
  notes.getColumn(4).width = 60

  const places = wb.addWorksheet('支部与党小组')
  places.addRow(['所在支部', '党小组'])
  const branches = [...orgs.values()]
    .filter((o) => o.type === 'branch' && !isRetired(o) && coversOrg(ctx.caller.scope, o._id, o.ancestors))
    .sort((a, b) => a.ancestors.length - b.ancestors.length || a.sort - b.sort)
  for (const b of branches) {
    const groups = [...orgs.values()].filter((g) => g.type === 'group' && g.parentId === b._id && !isRetired(g))
    if (!groups.length) places.addRow([b.name, ''])
    for (const g of groups.sort((x, y) => x.sort - y.sort)) places.addRow([b.name, g.name])
  }
  styleHeader(places)
  places.getColumn(1).width = 24
  places.getColumn(2).width = 18
  return saveWorkbook(ctx, wb, '花名册导入模板.xlsx')
}
