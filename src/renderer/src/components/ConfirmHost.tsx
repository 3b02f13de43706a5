import { useConfirmStore } from '../stores/confirm'
import { Button } from './Button'
import { Dialog } from './Dialog'

/** Shows the question confirmAction asked (one at a time); Esc keeps things as they are. */
export function ConfirmHost() {
  const { request, answer } = useConfirmStore()
  return (
    <Dialog
      open={request !== null}
      onClose={() => answer(false)}
      title={request?.title ?? ''}
      label={request?.title}
      footer={
        request && (
          <>
            <Button onClick={() => answer(false)}>{request.keep}</Button>
            <Button variant="danger" onClick={() => answer(true)}>
              {request.confirm}
            </Button>
          </>
        )
      }
    >
      <p>{request?.message}</p>
    </Dialog>
  )
}
