import { complaints } from '../forms/serviceDesk';
import { createNumberedRecord } from './records';

/**
 * Complaint intake (P1-投訴1, W1 "Received"): the receptionist fills in the ticket; it gets a
 * number TS-YYYY-NNNN for the year it was received in and starts in status "received".
 */
export const registerComplaint = createNumberedRecord(complaints, { reopen_count: 0 });
