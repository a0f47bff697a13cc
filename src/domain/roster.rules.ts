import { MOBILE_PATTERN, normalisePhone } from './phone'
import { ROLE_LABELS, Role } from './roles'

/**
 * The columns a roster file may have, with the header spellings committees actually use. Headers are compared after
 * normaliseHeader, so `手机号（必填）`, `*姓名` and `姓 名` match too.
 */
export const ROSTER_COLUMNS = {
  name: ['姓名', '党员姓名', '名字', '党员'],
  phone: ['手机号', '手机号码', '手机', '联系电话', '电话', '电话号码', '移动电话', '联系方式', '手机/电话'],
  branch: ['所在支部', '支部', '党支部', '所属支部', '所在党支部', '所属党支部', '支部名称', '党支部名称'],
  group: ['党小组', '所在党小组', '所属党小组', '小组', '党小组名称'],
  role: ['角色', '系统角色', '权限', '用户角色'],
  gender: ['性别'],
  title: ['职务', '党内职务', '支部职务', '党内职务（支委）'],
} as const
const COLUMNS = ROSTER_COLUMNS

/**
 * A header cell as it is compared: without spaces, line breaks, required-field stars, a trailing colon or a
 * parenthesised note (`手机号（必填）` → `手机号`).
 */
export function normaliseHeader(cell: unknown): string {
  return clean(cell)
    .replace(/[\s\u3000]+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .replace(/[:：]$/, '')
}

type Field = keyof typeof COLUMNS

export const ROSTER_FIELD_LABELS: Record<Field, string> = {
  name: '姓名',
  phone: '手机号',
  branch: '所在支部',
  group: '党小组',
  role: '角色',
  gender: '性别',
  title: '职务',
}

export interface RosterRow {
  /** Row number as the spreadsheet shows it (1-based). */
  row: number
  name: string
  phone: string
  branchId: string
  groupId: string | null
  /** Null when the file leaves the role blank: an existing member keeps theirs, a new one is a `member`. */
  role: Role | null
  gender: '男' | '女' | null
  /** Null when the cell is blank: an existing member keeps their 职务. */
  title: string | null
  /** Cells that say 清空: the stored value is erased (a blank cell never erases anything). */
  clear: Array<'title' | 'group'>
}

/** What a cell says to erase a stored 职务 or 党小组 on purpose. */
export const CLEAR_WORDS: readonly string[] = ['清空', '（清空）', '(清空)']

export interface RowError {
  row: number
  field: string
  message: string
}

export interface RosterLookup {
  /** Branch name → branch id. */
  branches: ReadonlyMap<string, string>
  /** `${branchId}/${groupName}` → group id. */
  groups: ReadonlyMap<string, string>
  /** When set, every row must belong to this branch (a branch admin importing their own roster). */
  onlyBranchId?: string
}

const ROLE_BY_LABEL = new Map<string, Role>(
  (Object.entries(ROLE_LABELS) as Array<[Role, string]>).flatMap(([role, label]) => [
    [label, role],
    [role, role],
  ]),
)
ROLE_BY_LABEL.set('支部书记', 'branch_admin')
ROLE_BY_LABEL.set('组织委员', 'branch_admin')

const clean = (cell: unknown): string =>
  cell === undefined || cell === null
    ? ''
    : String(cell)
        .replace(/\u00a0/g, ' ')
        .trim()

/**
 * Finds the header row (the first row naming a 姓名 column; a title row above it is allowed) and maps each known
 * field to its column index.
 */
function findHeader(
  rows: readonly unknown[][],
): { index: number; columns: Partial<Record<Field, number>>; unknown: string[] } | null {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const cells = rows[i].map(normaliseHeader)
    const columns: Partial<Record<Field, number>> = {}
    for (const field of Object.keys(COLUMNS) as Field[]) {
      const at = cells.findIndex((c) => (COLUMNS[field] as readonly string[]).map(normaliseHeader).includes(c))
      if (at >= 0) columns[field] = at
    }
    if (columns.name !== undefined) {
      const used = new Set(Object.values(columns))
      const unknown = rows[i].map(clean).filter((c, at) => c !== '' && !used.has(at))
      return { index: i, columns, unknown }
    }
  }
  return null
}

/**
 * Reads a roster sheet (rows of cells, as a spreadsheet shows them) into member rows, or the full list of what is
 * wrong, row by row. It never returns a partial result: a file with any error imports nothing.
 */
export function parseRoster(
  sheet: readonly unknown[][],
  lookup: RosterLookup,
): { ok: true; rows: RosterRow[]; unknownColumns: string[] } | { ok: false; errors: RowError[] } {
  const header = findHeader(sheet)
  if (!header)
    return {
      ok: false,
      errors: [{ row: 1, field: '表头', message: '没有找到表头：第一行应包含“姓名”“手机号”“所在支部”等列' }],
    }
  const errors: RowError[] = []
  for (const field of ['phone', 'branch'] as const) {
    if (header.columns[field] === undefined) {
      errors.push({ row: header.index + 1, field: '表头', message: `缺少“${ROSTER_FIELD_LABELS[field]}”列` })
    }
  }
  if (errors.length) return { ok: false, errors }

  const rows: RosterRow[] = []
  const seenPhones = new Map<string, number>()
  for (let i = header.index + 1; i < sheet.length; i++) {
    const row = i + 1
    const get = (f: Field) => (header.columns[f] === undefined ? '' : clean(sheet[i][header.columns[f]!]))
    if (Object.keys(header.columns).every((f) => get(f as Field) === '')) continue // blank line
    const err = (field: Field, message: string) => errors.push({ row, field: ROSTER_FIELD_LABELS[field], message })
    const before = errors.length

    const name = get('name').replace(/\s+/g, '')
    if (!name) err('name', '姓名不能为空')
    else if (name.length > 20) err('name', '姓名不能超过 20 个字')

    const phone = normalisePhone(get('phone'))
    if (!phone) err('phone', '手机号不能为空')
    else if (!MOBILE_PATTERN.test(phone)) err('phone', `手机号“${get('phone')}”不是 11 位手机号码`)
    else if (seenPhones.has(phone)) err('phone', `手机号与第 ${seenPhones.get(phone)} 行重复`)
    else seenPhones.set(phone, row)

    const branchName = get('branch')
    const branchId = lookup.branches.get(branchName)
    if (!branchName) err('branch', '所在支部不能为空')
    else if (!branchId) err('branch', `没有名为“${branchName}”的支部，请先在组织架构中建立或核对名称`)
    else if (lookup.onlyBranchId && branchId !== lookup.onlyBranchId) err('branch', '只能导入本支部的党员')

    const clear: RosterRow['clear'] = []
    let groupName = get('group')
    if (CLEAR_WORDS.includes(groupName)) {
      clear.push('group')
      groupName = ''
    }
    let titleText = get('title')
    if (CLEAR_WORDS.includes(titleText)) {
      clear.push('title')
      titleText = ''
    }
    let groupId: string | null = null
    if (groupName && branchId) {
      groupId = lookup.groups.get(`${branchId}/${groupName}`) ?? null
      if (!groupId) err('group', `“${branchName}”下没有名为“${groupName}”的党小组`)
    }

    const roleText = get('role')
    const role = roleText ? (ROLE_BY_LABEL.get(roleText) ?? undefined) : null
    if (role === undefined)
      err('role', `角色“${roleText}”无效，可填：党员、支部管理员、机关党委管理员、工会/志愿管理员`)

    const genderText = get('gender')
    if (genderText && genderText !== '男' && genderText !== '女') err('gender', '性别应填“男”或“女”')

    if (errors.length === before) {
      rows.push({
        row,
        name,
        phone,
        branchId: branchId!,
        groupId,
        role: role ?? null,
        gender: (genderText || null) as RosterRow['gender'],
        title: titleText || null,
        clear,
      })
    }
  }
  if (!errors.length && !rows.length)
    errors.push({ row: header.index + 2, field: '姓名', message: '文件中没有党员数据' })
  // Columns the importer does not know are listed back to the admin (never dropped silently).
  return errors.length ? { ok: false, errors } : { ok: true, rows, unknownColumns: header.unknown }
}
