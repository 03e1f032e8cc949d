// Work folders a run of ns-index leaves beside its database while it runs
// (DB.part-PID.N, DB.rebuild-PID, DB.plan-PID, DB.old-PID): removed at the
// end of the run, and by a later run when the run that made them was
// killed.
#pragma once

#include <string>
#include <vector>

namespace ns {

// Removes, beside the database at path, every work folder of a run whose
// process (the PID in its name) no longer exists; those of live processes
// stay, and so do DB.old-PID and DB.rebuild-PID unless db_was_there (the
// database was there before this run opened it): a run killed in the
// middle of its swap leaves the database only in them. Returns the paths
// removed. Throws nothing: a folder that cannot be removed stays for the
// next run.
std::vector<std::string> remove_stale_parts(const std::string& path, bool db_was_there);

}  // namespace ns
