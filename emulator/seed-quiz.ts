import type { QuestionDoc, QuizDoc } from '../cloudfunctions/quiz/docs'
import { maxScoreOf } from '../src/domain/quiz.rules'
import { questionIdFor } from '../cloudfunctions/quiz/bank'
import type { Db } from '../cloudfunctions/_shared/db-types'
import { questionKey } from '../src/domain/question.import'
import { SEED_QUESTIONS } from './seed-questions'

const DAY = 24 * 3600_000

/** The demo question bank, and one published 七一 test open for the coming month, in the quiz function's shapes. */
export async function seedQuiz(db: Db, now: Date, createdBy: string): Promise<{ questions: number; quizzes: number }> {
  for (const q of SEED_QUESTIONS) {
    const key = questionKey(q.type, q.stem)
    const doc: Omit<QuestionDoc, '_id'> = {
      type: q.type,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      explanation: q.explanation,
      category: q.category,
      key,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    }
    await db.collection('questions').doc(questionIdFor(key)).set({ data: doc })
  }
  const draw = { single: 10, multi: 5, judge: 5 }
  const points = { single: 4, multi: 6, judge: 6 } // 40 + 30 + 30 = 100
  const quiz: Omit<QuizDoc, '_id'> = {
    title: '2026 年“七一”党内法规知识测试',
    openAt: new Date(now.getTime() - DAY),
    closeAt: new Date(now.getTime() + 30 * DAY),
    durationMin: 30,
    mode: 'random',
    draw,
    categories: [],
    fixedQuestionIds: [],
    points,
    passMark: 60,
    attemptsAllowed: 2,
    scoreRule: 'highest',
    reveal: 'after_submit',
    partialCredit: false,
    audienceBranchIds: [],
    hideLimit: null,
    maxScore: maxScoreOf(points, draw),
    status: 'published',
    createdBy,
    createdAt: now,
    updatedAt: now,
  }
  await db.collection('quizzes').doc('qz_demo_qiyi').set({ data: quiz })
  return { questions: SEED_QUESTIONS.length, quizzes: 1 }
}
