import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { QuestionView } from '@/contract'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton, isRefusal } from '@/components/page-state'
import { choiceText, typeLabel } from '@/components/quiz-format'
import { QUESTION_TYPES } from '@/domain/question.types'
import { ROUTES } from '@/routes'
import { usePullToRefresh } from '@/remote'
import { useBankList, useQuizCategories, type BankFilter } from '../../components/use-bank'
import './index.scss'

export default function BankPage() {
  const [filter, setFilterState] = useState<BankFilter>({})
  const setFilter = (patch: Partial<BankFilter>) => setFilterState((f) => ({ ...f, ...patch }))
  // Refetched on every return: an edit, a retire or an import changes the list and the category counts.
  const list = useBankList(filter)
  const { items, total, loading, refreshing, loadingMore, hasMore, error } = list
  const loadMore = () => void list.loadMore()
  const categories = useQuizCategories()
  const [keyword, setKeyword] = useState('')
  usePullToRefresh(list.refetch)

  const open = (q: QuestionView | null) =>
    Taro.navigateTo({
      url: q ? `${ROUTES.adminQuestionEdit}?id=${encodeURIComponent(q.id)}` : ROUTES.adminQuestionEdit,
    })
  const categoryNames = ['全部分类', ...categories.map((c) => `${c.category}（${c.count}）`)]
  const categoryIndex = Math.max(0, categories.findIndex((c) => c.category === filter.category) + 1)

  // Refused outright: only the refusal, no filters or actions that would be refused the same way.
  if (error && !items.length && isRefusal(error))
    return (
      <View className="page">
        <ErrorState error={error} />
      </View>
    )

  return (
    <View className="page bank">
      <View className="bank-actions">
        <Button id="bank-new" type="primary" onClick={() => open(null)}>
          ＋ 新增试题
        </Button>
        <Button id="bank-import" fill="outline" onClick={() => Taro.navigateTo({ url: ROUTES.adminBankImport })}>
          导入题库
        </Button>
      </View>

      <View className="card bank-filters">
        <View className="bank-search">
          <Input
            id="bank-keyword"
            className="bank-keyword"
            value={keyword}
            maxlength={30}
            placeholder="搜索题干关键字"
            confirmType="search"
            onInput={(e) => setKeyword(e.detail.value)}
            onConfirm={() => setFilter({ keyword })}
          />
          <Text className="bank-search-btn" id="bank-search" onClick={() => setFilter({ keyword })}>
            搜索
          </Text>
        </View>
        <View className="chips">
          <View className={`chip ${!filter.type ? 'chip-active' : ''}`} onClick={() => setFilter({ type: undefined })}>
            全部题型
          </View>
          {QUESTION_TYPES.map((t) => (
            <View
              key={t}
              className={`chip ${filter.type === t ? 'chip-active' : ''}`}
              onClick={() => setFilter({ type: t })}
            >
              {typeLabel(t)}
            </View>
          ))}
        </View>
        <View className="bank-filter-row">
          <Picker
            mode="selector"
            range={categoryNames}
            value={categoryIndex}
            onChange={(e) => setFilter({ category: categories[Number(e.detail.value) - 1]?.category })}
          >
            <Text className="bank-filter-picker">{categoryNames[categoryIndex].replace(/（\d+）$/, '')} ▾</Text>
          </Picker>
          <View className="chips bank-status">
            <View
              className={`chip ${filter.status !== 'retired' ? 'chip-active' : ''}`}
              onClick={() => setFilter({ status: undefined })}
            >
              使用中
            </View>
            <View
              className={`chip ${filter.status === 'retired' ? 'chip-active' : ''}`}
              id="bank-retired"
              onClick={() => setFilter({ status: 'retired' })}
            >
              已停用
            </View>
          </View>
        </View>
      </View>

      {error && !items.length ? (
        <ErrorState error={error} onRetry={() => void list.refetch()} />
      ) : loading ? (
        <LoadingSkeleton cards={3} rows={2} />
      ) : !items.length ? (
        <EmptyState
          icon="题"
          title={
            filter.keyword || filter.type || filter.category || filter.status ? '没有符合条件的试题' : '题库还是空的'
          }
          description={
            filter.keyword || filter.type || filter.category || filter.status
              ? '换个关键字或筛选条件试试'
              : '点击“导入题库”从 Excel 批量导入，或逐题新增'
          }
        />
      ) : (
        <View>
          <Text className="muted bank-total" id="bank-total">
            共 {total} 题{refreshing ? ' · 正在刷新…' : ''}
          </Text>
          {items.map((q) => (
            <View
              key={q.id}
              className={`card bank-item ${q.status === 'retired' ? 'bank-item-retired' : ''}`}
              data-question-id={q.id}
              onClick={() => open(q)}
            >
              <View className="bank-item-head">
                <Text className="q-type-tag">{typeLabel(q.type)}</Text>
                {q.category && <Text className="cat-tag">{q.category}</Text>}
                {q.status === 'retired' && <Text className="cat-tag">已停用</Text>}
                <Text className="bank-item-answer">答案 {choiceText(q.type, q.options, q.answer)}</Text>
              </View>
              <Text className="bank-item-stem">{q.stem}</Text>
            </View>
          ))}
          <View className="list-footer">
            {error ? (
              <View className="form-error" onClick={loadMore}>
                {error.message}，点击重试
              </View>
            ) : hasMore ? (
              <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
                加载更多
              </Button>
            ) : (
              <Text className="muted">没有更多了</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
