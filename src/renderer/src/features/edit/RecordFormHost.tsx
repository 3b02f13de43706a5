// INITIAL VERSION: replaced whole by the record forms feature.
export function RecordFormHost() {
  return null
}
