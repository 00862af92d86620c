import type { TranscodeJob } from '../../../../app/api/api-types';
import { JobRow } from './JobRow';

/** Every job, newest first (the order the engine keeps them in). */
export function JobList({ jobs }: { jobs: TranscodeJob[] }) {
  return (
    <ul className="tj-list" data-testid="transcode-jobs">
      {jobs.map((job) => (
        <JobRow key={job.id} job={job} />
      ))}
    </ul>
  );
}
