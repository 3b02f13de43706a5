/**
 * The records engine: paging, counting and editing the rows of any table, built only from the
 * introspected schema, with every value bound as a parameter and read back losslessly.
 */
export { readLabels, labelColumn } from './labels'
export { readPage, countRows, getRecord, type PageRequest, type CountRequest } from './read'
export { insertRecord, updateRecord, deleteRecord, runBatch } from './batch'
export { reviewBatch } from './preview'
export { bulkUpdate, bulkDelete } from './bulk'
export { isDatabaseRefusal, operationIndexOf, queryFailed } from './errors'
