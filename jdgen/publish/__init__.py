"""Publishing: what jdgen writes besides each role's posting.

- :mod:`jdgen.publish.jobposting`: schema.org ``JobPosting`` data (JSON-LD) for search engines;
- :mod:`jdgen.publish.ladder`: the career-ladder chart of salary bands, as SVG;
- :mod:`jdgen.publish.review`: the HR review pack, ``index.html`` and ``review.pdf``.
"""
