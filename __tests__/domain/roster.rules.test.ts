import { parseRoster, type RosterLookup } from '@/domain/roster.rules'

const lookup: RosterLookup = {
  branches: new Map([
    ['办公室党支部', 'b1'],
    ['预算处党支部', 'b2'],
  ]),
  groups: new Map([['b1/第一党小组', 'g1']]),
}

describe('reading a roster sheet', () => {
  it('finds the header below a title row and reads each member', () => {
    const res = parseRoster(
      [
        ['2026 年花名册'],
        ['序号', '姓名', '手机号码', '所在支部', '党小组', '角色', '性别'],
        ['1', ' 张 三 ', '138-0013-8000', '办公室党支部', '第一党小组', '支部书记', '男'],
      ],
      lookup,
    )
    expect(res).toEqual({
      ok: true,
      rows: [
        {
          row: 3,
          name: '张三',
          phone: '13800138000',
          branchId: 'b1',
          groupId: 'g1',
          role: 'branch_admin',
          gender: '男',
          title: null,
          clear: [],
        },
      ],
      unknownColumns: ['序号'],
    })
  })

  it('skips blank lines and leaves the role empty when the file does not say', () => {
    const res = parseRoster(
      [
        ['姓名', '手机', '支部'],
        ['', '', ''],
        ['李四', '13800138001', '预算处党支部'],
      ],
      lookup,
    )
    expect(res.ok && res.rows.map((r) => [r.row, r.role])).toEqual([[3, null]])
  })

  it('names the row and field of every problem', () => {
    const res = parseRoster(
      [
        ['姓名', '手机号', '所在支部', '党小组', '角色', '性别'],
        ['', '13800138000', '办公室党支部', '', '', ''],
        ['王五', '12345', '办公室党支部', '', '', ''],
        ['赵六', '13800138000', '后勤党支部', '', '', ''],
        ['钱七', '13800138002', '预算处党支部', '第一党小组', '书记', '未知'],
      ],
      lookup,
    )
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.errors).toEqual([
      { row: 2, field: '姓名', message: '姓名不能为空' },
      { row: 3, field: '手机号', message: '手机号“12345”不是 11 位手机号码' },
      { row: 4, field: '手机号', message: '手机号与第 2 行重复' },
      { row: 4, field: '所在支部', message: '没有名为“后勤党支部”的支部，请先在组织架构中建立或核对名称' },
      { row: 5, field: '党小组', message: '“预算处党支部”下没有名为“第一党小组”的党小组' },
      { row: 5, field: '角色', message: '角色“书记”无效，可填：党员、支部管理员、机关党委管理员、工会/志愿管理员' },
      { row: 5, field: '性别', message: '性别应填“男”或“女”' },
    ])
  })

  it('refuses a file with no header or missing columns', () => {
    expect(parseRoster([['a', 'b']], lookup)).toMatchObject({ ok: false, errors: [{ field: '表头' }] })
    expect(parseRoster([['姓名', '支部']], lookup)).toMatchObject({
      ok: false,
      errors: [{ message: '缺少“手机号”列' }],
    })
  })

  it('refuses an empty roster', () => {
    expect(parseRoster([['姓名', '手机号', '所在支部']], lookup)).toMatchObject({
      ok: false,
      errors: [{ message: '文件中没有党员数据' }],
    })
  })

  it('keeps a branch admin to their own branch', () => {
    const res = parseRoster(
      [
        ['姓名', '手机号', '所在支部'],
        ['李四', '13800138001', '预算处党支部'],
      ],
      { ...lookup, onlyBranchId: 'b1' },
    )
    expect(res).toMatchObject({ ok: false, errors: [{ row: 2, field: '所在支部', message: '只能导入本支部的党员' }] })
  })
})

describe('headers as committees spell them', () => {
  const rowsWith = (header: string[]) =>
    parseRoster([header, ['张三', '13800138000', '办公室党支部', '第一党小组']], lookup)

  it.each([
    [['姓名', '手机号', '所在支部', '党小组']],
    [['党员姓名', '手机号码', '党支部', '所在党小组']],
    [['姓 名', '联系电话', '所属支部', '所属党小组']],
    [['*姓名', '手机号（必填）', '支部名称：', '党小组(选填)']],
    [['姓名', '移动电话', '所在党支部', '小组']],
  ])('reads %j', (header) => {
    const res = rowsWith(header)
    expect(res.ok).toBe(true)
    if (res.ok) expect(res.rows[0]).toMatchObject({ phone: '13800138000', branchId: 'b1', groupId: 'g1' })
  })

  it('lists the columns it does not know, so they are never dropped silently', () => {
    const res = parseRoster(
      [
        ['序号', '姓名', '手机号', '所在支部', '入党时间', '身份证号', ''],
        ['1', '张三', '13800138000', '办公室党支部', '2001-07-01', '', ''],
      ],
      lookup,
    )
    expect(res.ok && res.unknownColumns).toEqual(['序号', '入党时间', '身份证号'])
  })
})
