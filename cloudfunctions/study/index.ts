import { studyActions, type StudyOutputs } from '../../src/contract/study.contract'
import { createRouter } from '../_shared/router'
import { STUDY_REQUIRED, checkTemplatesAtStart } from '../_shared/templates'
import { adminList, getArticle, publish, save, withdraw } from './articles'
import { dispatchDue, subscribe } from './notify'
import { feed, finish, get, open, reflect, unreadRequired } from './reading'
import { memberReflections, reflections } from './reflections'
import { articleStats, completion, exportStats } from './stats'

// Checked once per instance, at cold start: wrong template keys are in the function log before the first send.
checkTemplatesAtStart([STUDY_REQUIRED])

/** The `study` cloud function: study materials, read receipts, reflections, completion; a timer sends due notices. */
export const main = createRouter<typeof studyActions, StudyOutputs>(
  'study',
  studyActions,
  {
    save,
    getArticle,
    publish,
    withdraw,
    adminList,
    articleStats,
    reflections,
    memberReflections,
    completion,
    exportStats,
    feed,
    get,
    open,
    finish,
    reflect,
    unreadRequired,
    subscribe,
  },
  { dispatchDue },
)
