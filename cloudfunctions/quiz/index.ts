import { quizActions, type QuizOutputs } from '../../src/contract/quiz.contract'
import { createRouter } from '../_shared/router'
import { attempt, reportHide, saveAnswer, start, submit } from './attempts'
import { categories, importBank, questions, retireQuestion, saveQuestion } from './bank'
import { exportResults, liveView } from './live'
import { practiceAnswer, practiceToday, removeWrong, wrongBook } from './practice'
import { available, getQuiz, publishQuiz, quizzes, saveQuiz, supply } from './quizzes'

/** The `quiz` cloud function: the 七一 party-regulation test, its question bank, practice and results. */
export const main = createRouter<typeof quizActions, QuizOutputs>('quiz', quizActions, {
  importBank,
  questions,
  saveQuestion,
  retireQuestion,
  categories,
  saveQuiz,
  getQuiz,
  publishQuiz,
  supply,
  quizzes,
  liveView,
  exportResults,
  available,
  start,
  attempt,
  saveAnswer,
  submit,
  reportHide,
  practiceToday,
  practiceAnswer,
  wrongBook,
  removeWrong,
})
