import { ROW_REASONS_EN } from '../../server/domain/import-reasons.ts'
import type { ReasonMessages } from './messages.ts'

/** The importer's own English sentences, as the CLI prints them. */
export const enImportReasons: ReasonMessages = ROW_REASONS_EN
